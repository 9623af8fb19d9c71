-- Integrators' subscriptions: an HTTPS endpoint of a tenant told of tier changes and task changes; and the deliveries
-- to it, numbered in the order they were made (the id a receiver de-duplicates by, and a replay names a range of).
create table subscription (
    id          uuid primary key,
    tenant      text        not null,
    url         text        not null,
    events      text        not null,
    secret      text        not null,
    description text,
    created_at  timestamptz not null,
    created_by  text        not null
);
create index subscription_tenant on subscription (tenant, created_at, id);

-- ids taken 50 at a time by the service, so the deliveries of a poll of tier changes are inserted in batches
create sequence webhook_delivery_id_seq increment by 50;
create table webhook_delivery (
    id              bigint primary key,
    tenant          text        not null,
    subscription_id uuid        not null references subscription (id) on delete cascade,
    event           text        not null,
    occurred_at     timestamptz not null,
    data            text        not null,
    status          text        not null,
    attempt         integer     not null default 0,
    created_at      timestamptz not null,
    at              timestamptz not null,
    next_attempt_at timestamptz not null,
    last_error      text
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status in ('PENDING', 'RETRYING');
create index webhook_delivery_of_subscription on webhook_delivery (subscription_id, id);
