-- The key of a person's advisory locks, in one place: the one-key lock on the dispatcher's decisions about them
-- (NotificationStore.lock) and the two-key join lock (1, key) that an e-mail joining their digest takes shared and
-- forming the digest takes alone (NotificationStore.lockDueDigest, and the trigger below).
create function notification_person_key(tenant text, recipient text) returns integer
    language sql immutable parallel safe as $$ select hashtext(tenant || '/' || recipient) $$;

create or replace function notification_join_waiting_digest() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(1, notification_person_key(new.tenant, new.recipient));
    -- by the key alone: a plan may not scan the HELD rows for it
    if (select status from notification where id = new.digest_id) is distinct from 'HELD' then
        new.status := 'HELD';
        new.digest_id := null;
        new.next_attempt_at := now();
    end if;
    return new;
end
$$;
