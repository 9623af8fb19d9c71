-- The task's life after it is opened: who acknowledged, started and resolved it, how it ended, what it cost.
alter table task
    add column acknowledged_at   timestamptz,
    add column started_at        timestamptz,
    add column resolved_at       timestamptz,
    add column outcome           text,
    add column root_cause        text,
    add column actions           text,
    add column cost              numeric(14, 2),
    add column exit_reason       text,
    -- the customer's annual value when the task was resolved (for the retention report)
    add column annual_value      numeric(14, 2),
    -- SLA timers: each fires once per window; an upgrade of the task opens new windows
    add column ack_escalated_at  timestamptz,
    add column due_escalated_at  timestamptz,
    -- the roles above escalate_to, and whether escalation reassigns the task or shares it (JSON object)
    add column escalation        jsonb not null default '{"chain": [], "mode": "SHARE"}',
    add column escalated_to_id    text,
    add column escalated_to_name  text,
    add column escalated_to_role  text,
    add column escalated_to_email text;

-- The escalator's search: open tasks whose acknowledge or due window has passed and has not fired yet.
create index task_sla_due on task (least(acknowledge_by, due_at))
    where status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS');
create index task_created on task (tenant, created_at);

-- Everything that happened to a task, in order: the audit trail.
create table task_event (
    id      bigint generated always as identity primary key,
    tenant  text        not null,
    task_id uuid        not null references task (id),
    at      timestamptz not null,
    actor   text        not null,
    type    text        not null,
    detail  jsonb       not null
);
create index task_event_task on task_event (task_id, id);

-- Playbooks per tenant, every version kept; the highest version is in force.
create table playbook (
    tenant     text        not null,
    version    integer     not null,
    document   jsonb       not null,
    created_at timestamptz not null,
    created_by text        not null,
    primary key (tenant, version)
);

-- Which event a notification tells of (webhook payloads carry it).
alter table notification add column event text not null default 'TASK_CREATED';
