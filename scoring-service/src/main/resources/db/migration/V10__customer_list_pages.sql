-- The customer list is filtered by segment and paged by keyset: most urgent first (risk, then annual value, a
-- customer without a value last, then the id, which is unique), or by last assessment for a sync.
alter table customer_health add column segment text;
drop index customer_health_at_risk;
create index customer_health_at_risk on customer_health
    (tenant, tier, risk_score desc, coalesce(annual_value, -1) desc, customer_id);
create index customer_health_assessed on customer_health (tenant, computed_at, customer_id);
