-- Who the customer is and who acts for the tenant on them, from ingestion's customer profiles.
create table customer_profile (
    id          bigint generated always as identity primary key,
    tenant      text        not null,
    customer_id text        not null,
    name        text,
    value_tier  text,
    annual_value numeric(14, 2),
    updated_at  timestamptz not null,
    unique (tenant, customer_id)
);

create table customer_contact (
    id          bigint generated always as identity primary key,
    tenant      text not null,
    customer_id text not null,
    role        text not null,
    contact_id  text not null,
    name        text,
    email       text,
    phone       text,
    unique (tenant, customer_id, role)
);

create table task (
    id               uuid primary key,
    tenant           text        not null,
    customer_id      text        not null,
    tier             text        not null,
    kind             text        not null,
    playbook         text        not null,
    playbook_version integer     not null,
    status           text        not null,
    assignee_id      text,
    assignee_name    text,
    assignee_role    text        not null,
    assignee_email   text,
    escalate_to      text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    due_at           timestamptz not null,
    acknowledge_by   timestamptz not null,
    escalation_level integer     not null default 0,
    reason           jsonb       not null,
    guidance         jsonb       not null
);
-- At most one open task per customer, whatever races happen.
create unique index task_one_open_per_customer on task (tenant, customer_id)
    where status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS');
create index task_tenant_status on task (tenant, status, due_at);

-- Every notification and its delivery attempts; the dispatcher sends what is due.
create table notification (
    id              uuid primary key,
    tenant          text        not null,
    task_id         uuid        not null references task (id),
    channel         text        not null,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    status          text        not null,
    attempt         integer     not null default 0,
    created_at      timestamptz not null,
    at              timestamptz not null,
    next_attempt_at timestamptz not null,
    last_error      text
);
create index notification_due on notification (next_attempt_at) where status in ('PENDING', 'RETRYING');
create index notification_task on notification (tenant, task_id, created_at);

create table processed_record (
    record_id    text primary key,
    processed_at timestamptz not null default now()
);
