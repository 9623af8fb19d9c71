-- Every applied record rewrites its customer's row, so the table is mostly dead versions between vacuums at the
-- default (20 % of the rows dead): vacuumed at 5 %, without cost-based pauses.
alter table customer_health set (autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_cost_delay = 0);
