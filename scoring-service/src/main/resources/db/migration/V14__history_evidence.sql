-- The text retention job strips the evidence quotes from tier-history reasons once older than a tenant's text-days:
-- through this index it reads only the rows that still hold a quote, oldest first (a row leaves it once stripped).
create index health_history_evidence on health_history (computed_at) where reason like '%"evidence"%';
