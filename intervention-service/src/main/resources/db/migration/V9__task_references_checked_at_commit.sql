-- A poll's inserts are grouped by table in the order each table first appears: when the poll begins with an upgrade
-- of an open task (an audit entry first) and then opens a task, the new task's audit entry and e-mail go in before
-- the task itself. Their references to it are checked when the transaction commits, when every row is there.
alter table task_event alter constraint task_event_task_id_fkey deferrable initially deferred;
alter table notification alter constraint notification_task_id_fkey deferrable initially deferred;
