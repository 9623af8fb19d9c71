-- A person's digest is a notification of its own from the moment their first e-mail is held: event DIGEST, status
-- HELD until it is due (next_attempt_at), then composed and PENDING like any e-mail. The e-mails it carries are written
-- DIGESTED pointing to it (digest_id) as they are held or queued, so forming it changes that one row however many it
-- carries.
--
-- An e-mail must not join a digest that was formed meanwhile: the digest would never list it. Each e-mail inserted to
-- join one takes its person's join lock shared until it commits, and forming a digest takes that lock alone (the
-- dispatcher: NotificationStore.formWaiting), so a digest is formed only after every e-mail that joined it committed.
-- An e-mail that finds its digest no longer waiting is written HELD alone, due now, and goes out in a digest of its own.
-- The join lock is the two-key advisory lock (1, hashtext(tenant || '/' || recipient)); the one-key lock on the same
-- hash is the dispatcher's lock on the person's decisions, another lock.
create function notification_join_waiting_digest() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(1, hashtext(new.tenant || '/' || new.recipient));
    -- by the key alone: a plan may not scan the HELD rows for it
    if (select status from notification where id = new.digest_id) is distinct from 'HELD' then
        new.status := 'HELD';
        new.digest_id := null;
        new.next_attempt_at := now();
    end if;
    return new;
end
$$;

create trigger notification_joins_waiting_digest before insert on notification
    for each row when (new.digest_id is not null) execute function notification_join_waiting_digest();

