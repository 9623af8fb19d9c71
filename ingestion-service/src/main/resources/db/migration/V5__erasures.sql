-- A customer's erasure as it was asked for (who, when, what this service removed), and each other service's
-- confirmation that it has erased the customer too (ErasureStep on churnsentinel.erasures.v1).
create table erasure (
    id           uuid primary key,
    tenant       text        not null,
    customer_id  text        not null,
    requested_at timestamptz not null,
    requested_by text        not null,
    counts       jsonb       not null
);
create index erasure_customer on erasure (tenant, customer_id, requested_at);

create table erasure_step (
    erasure_id uuid        not null,
    service    text        not null,
    tenant     text        not null,
    done_at    timestamptz not null,
    counts     jsonb       not null,
    primary key (erasure_id, service)
);
