-- A digest takes no e-mail once it is due: an e-mail that would join it later waits alone, as one that finds it formed
-- does, and goes out in a digest of its own. Forming a digest then only has to wait for the e-mails that joined before
-- it was due to commit, which it does by taking the person's join lock alone for a moment (NotificationStore.awaitJoins)
-- rather than until it has formed the digest: e-mails queued for the person meanwhile are no longer held up by it.
-- The clock is read as the e-mail joins (clock_timestamp), not as its transaction began (now()): a poll that began
-- before the digest was due and inserts after must not join it. The join lock's key is V17's.
create or replace function notification_join_waiting_digest() returns trigger language plpgsql as $$
declare
    digest record;
begin
    perform pg_advisory_xact_lock_shared(1, notification_person_key(new.tenant, new.recipient));
    -- by the key alone: a plan may not scan the HELD rows for it
    select status, next_attempt_at into digest from notification where id = new.digest_id;
    if digest.status is distinct from 'HELD' or digest.next_attempt_at <= clock_timestamp() then
        new.status := 'HELD';
        new.digest_id := null;
        new.next_attempt_at := now();
    end if;
    return new;
end
$$;
