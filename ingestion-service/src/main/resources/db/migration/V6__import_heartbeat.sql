-- When the replica running an import last said it still was: an import whose replica stopped is resumed by it (when
-- it still has the file) or, once this is older than sentinel.ingestion.imports.stale-after, marked FAILED.
alter table import_job add column heartbeat_at timestamptz;
update import_job set heartbeat_at = coalesce(finished_at, started_at, created_at);
