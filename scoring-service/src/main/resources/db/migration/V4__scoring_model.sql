-- The scoring model per tenant, every version kept; the highest version is in force.
create table scoring_model (
    tenant     text        not null,
    version    integer     not null,
    document   jsonb       not null,
    created_at timestamptz not null,
    created_by text        not null,
    primary key (tenant, version)
);
