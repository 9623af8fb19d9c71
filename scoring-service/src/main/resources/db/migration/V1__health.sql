-- Each customer's signals (kept incrementally), latest assessment and the tier last announced.
create table customer_health (
    tenant        text             not null,
    customer_id   text             not null,
    signals       jsonb            not null,
    assessment    jsonb,
    risk_score    double precision not null default 0,
    tier          text             not null default 'GREEN',
    stage         text             not null default 'SATISFIED',
    alerted_tier  text             not null default 'GREEN',
    value_tier    text,
    annual_value  numeric(14, 2),
    model_version integer          not null default 1,
    computed_at   timestamptz      not null,
    primary key (tenant, customer_id)
);
create index customer_health_at_risk on customer_health (tenant, tier, risk_score desc, annual_value desc);

-- Ingest records already applied: a redelivered record changes nothing.
create table processed_record (
    record_id    text primary key,
    processed_at timestamptz not null default now()
);

-- How score and tier moved, and why.
create table health_history (
    id          bigint generated always as identity primary key,
    tenant      text             not null,
    customer_id text             not null,
    risk_score  double precision not null,
    tier        text             not null,
    stage       text             not null,
    reason      jsonb            not null,
    computed_at timestamptz      not null
);
create index health_history_customer on health_history (tenant, customer_id, computed_at);
