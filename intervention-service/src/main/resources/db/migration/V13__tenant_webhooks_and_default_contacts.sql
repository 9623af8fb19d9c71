-- A tenant's chat robots / webhooks and default contacts as its administrators set them through the API
-- (/api/v1/admin/webhooks, /api/v1/admin/contacts). Configuration's (sentinel.intervention.webhooks...,
-- ...default-contacts...) are the bootstrap: they count for the names and roles that have no row here.
create table tenant_webhook (
    tenant     text        not null,
    name       text        not null,
    url        text        not null,
    format     text        not null,
    -- the signing secret as given (this table is where it is kept); never shown by the API
    secret     text,
    -- comma-separated tiers told; null: all
    tiers      text,
    updated_at timestamptz not null,
    primary key (tenant, name)
);

create table tenant_default_contact (
    tenant     text        not null,
    role       text        not null,
    contact_id text        not null,
    name       text,
    email      text,
    updated_at timestamptz not null,
    primary key (tenant, role)
);
create index tenant_default_contact_email on tenant_default_contact (lower(email));
