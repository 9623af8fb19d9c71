-- A queue table: every row is deleted once relayed, so its dead rows pile up at the front of the primary key, where the
-- relay's next "order by id limit n" starts and has to step over them. Vacuumed after every 10,000 dead rows rather
-- than the default 20 % of the table (which a queue that is nearly empty when healthy reaches rarely and unevenly),
-- and without the cost-based pauses: each run is small.
alter table outbox_message set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
    autovacuum_vacuum_cost_delay = 0);
