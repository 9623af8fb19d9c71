-- Who last set a tenant's webhook or default contact: the API key's name (Principals.by) when set through
-- /api/v1/admin/..., the signed-in person's e-mail when set in the console's settings page. Rows set before this
-- migration name nobody.
alter table tenant_webhook add column updated_by text;
alter table tenant_default_contact add column updated_by text;
