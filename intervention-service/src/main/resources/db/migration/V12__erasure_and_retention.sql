-- Customers erased (CustomerErasureRequested on the ingest topic), known by the SHA-256 of their id only: a tier change
-- made before the request, which travels on another topic and may arrive after it, is ignored.
create table erased_customer (
    erasure_id    text primary key,
    tenant        text        not null,
    customer_hash text        not null,
    requested_at  timestamptz not null,
    erased_at     timestamptz not null default now()
);
create index erased_customer_of on erased_customer (tenant, customer_hash);
create index erased_customer_age on erased_customer (erased_at);

