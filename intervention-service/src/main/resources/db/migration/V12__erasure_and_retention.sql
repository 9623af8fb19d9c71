-- Customers erased (CustomerErasureRequested on the ingest topic), known by the SHA-256 of their id only: a tier change
-- made before the request, which travels on another topic and may arrive after it, is ignored. Kept as long as such a
-- change can still arrive (sentinel.retention.erased-customers-keep), then pruned by the retention job.
create table erased_customer (
    erasure_id    text primary key,
    tenant        text        not null,
    customer_hash text        not null,
    requested_at  timestamptz not null,
    erased_at     timestamptz not null default now()
);
create index erased_customer_of on erased_customer (tenant, customer_hash);
create index erased_customer_age on erased_customer (erased_at);

-- The retention job removes the customers' words older than a tenant's limit (sentinel.retention.*). Each index holds
-- only the rows that still carry words, so a batch finds the oldest of them without reading the rows already cleared;
-- the predicates are the ones the job's statements name (TaskQueries, AuditTrail, NotificationStore).
create index task_words on task ((coalesce(resolved_at, created_at)))
    where root_cause is not null or actions is not null or jsonb_path_exists(reason, '$.evidence[*]')
        or jsonb_path_exists(reason, '$.signals[*].detail ? (@ != null && @ != "")');
create index task_event_words on task_event (at)
    where jsonb_exists_any(detail, array ['text', 'note', 'rootCause', 'actions', 'reason']);
create index notification_words on notification (created_at) where body <> '' or html is not null;
create index webhook_delivery_created on webhook_delivery (created_at);
