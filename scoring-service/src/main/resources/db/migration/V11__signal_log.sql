-- What each customer said and did, as the risk model reads it (what text-signal found, scores, events; never the
-- free text): the history a backtest replays as of past dates. Written with the records' own application.
create table signal_log (
    tenant      text        not null,
    customer_id text        not null,
    occurred_at timestamptz not null,
    record_id   text        not null,
    input       text        not null,
    primary key (tenant, customer_id, occurred_at, record_id)
);
