-- A customer's signals and assessment, and each history entry's reason, are JSON documents that only scoring reads
-- and writes, whole, and never queries inside. As jsonb, the reactive driver turned every one into a JsonObject
-- and back on each read and write (a quarter of scoring's CPU under load); as text they pass through untouched.
alter table customer_health
    alter column signals type text using signals::text,
    alter column assessment type text using assessment::text;
alter table health_history
    alter column reason type text using reason::text;
