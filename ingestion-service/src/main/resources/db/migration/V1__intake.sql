-- Customers as the tenant's systems describe them; a bare row when feedback arrives first.
create table customer (
    tenant      text        not null,
    customer_id text        not null,
    profile     jsonb,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (tenant, customer_id)
);

-- Claimed before an item is stored: the unique key makes a retried item a duplicate, even concurrently.
create table idempotency_key (
    tenant      text        not null,
    kind        text        not null,
    external_id text        not null,
    item_id     uuid        not null,
    created_at  timestamptz not null default now(),
    primary key (tenant, kind, external_id)
);

create table feedback (
    id           uuid primary key,
    tenant       text        not null,
    external_id  text        not null,
    customer_id  text        not null,
    channel      text        not null,
    occurred_at  timestamptz not null,
    text         text,
    nps          integer,
    satisfaction integer,
    received_at  timestamptz not null,
    unique (tenant, external_id)
);
create index feedback_customer on feedback (tenant, customer_id, occurred_at);

create table customer_event (
    id          uuid primary key,
    tenant      text        not null,
    external_id text        not null,
    customer_id text        not null,
    type        text        not null,
    occurred_at timestamptz not null,
    amount      numeric(14, 2),
    attributes  jsonb,
    received_at timestamptz not null,
    unique (tenant, external_id)
);
create index customer_event_customer on customer_event (tenant, customer_id, occurred_at);
