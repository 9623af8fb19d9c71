-- API keys a tenant's administrator made through /api/v1/admin/keys. Only the SHA-256 of a key is kept; its prefix
-- (the part before the secret) names it in lists. A rotation sets the old key's expires_at and replaced_by.
create table api_key (
    id           uuid primary key,
    tenant       text        not null,
    name         text        not null,
    prefix       text        not null unique,
    sha256       bytea       not null unique,
    roles        text[]      not null,
    created_at   timestamptz not null,
    created_by   text        not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    revoked_by   text,
    replaced_by  uuid references api_key (id),
    last_used_at timestamptz
);
create index api_key_tenant on api_key (tenant, created_at);
