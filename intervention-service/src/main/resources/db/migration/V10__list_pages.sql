-- The task and notification lists are paged by keyset: each order's sort key ends with the unique id, and these
-- indexes let a page start at its cursor without reading the rows before it. task_tenant_status keeps serving the
-- status filters; the sync order of notifications (at, id) reads the tenant's rows, as no index is kept on a column
-- that changes with every delivery attempt.
create index task_due_order on task (tenant, due_at, id);
create index task_update_order on task (tenant, updated_at, id);
drop index task_created;
create index task_created on task (tenant, created_at, id);
create index notification_newest on notification (tenant, created_at, id);
