-- Intervention's resolved tasks as it announces them (TaskResolved on churnsentinel.task-outcomes.v1), one row a task:
-- how each tier's alarms ended (retained, churned, a false alarm), which the backtest counts per window. Written once
-- per task: a redelivered announcement finds its row and changes nothing.
create table task_outcome (
    tenant      text        not null,
    task_id     text        not null,
    customer_id text        not null,
    kind        text        not null,
    tier        text        not null,
    outcome     text        not null,
    created_at  timestamptz not null,
    resolved_at timestamptz not null,
    primary key (tenant, task_id)
);
-- the backtest reads a tenant's tasks resolved within its windows
create index task_outcome_resolved on task_outcome (tenant, resolved_at);
