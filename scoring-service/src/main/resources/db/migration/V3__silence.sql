-- When the customer's silence becomes decisive (their last interaction + the silence floor × their own rhythm):
-- the silence scan reassesses exactly the customers whose moment has passed, through this index.
alter table customer_health add column silent_after timestamptz;
create index customer_health_silent on customer_health (silent_after) where silent_after is not null;
-- the admin endpoint scans one tenant
create index customer_health_silent_tenant on customer_health (tenant, silent_after) where silent_after is not null;
