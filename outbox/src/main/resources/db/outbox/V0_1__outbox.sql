-- Messages waiting to be relayed to Kafka, in the order they were written.
create table outbox_message (
    id          bigint generated always as identity primary key,
    topic       text        not null,
    message_key text        not null,
    payload     bytea       not null,
    created_at  timestamptz not null default now()
);
