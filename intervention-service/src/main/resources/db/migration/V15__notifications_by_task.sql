-- A task's notifications found by the task alone. Removing a task (an erasure, retention, a cleanup) has PostgreSQL check
-- that no notification still refers to it, by task_id only: led by the tenant, the old index could not serve that
-- check, and each removed task read the whole table. Listing a task's notifications (tenant and task) is served as well.
create index notification_of_task on notification (task_id, created_at);
drop index notification_task;
