-- The key of a person's advisory locks, in one place: the one-key lock on the dispatcher's decisions about them
-- (NotificationStore.lock) and the two-key join lock (1, key) that an e-mail joining their digest takes shared (the
-- trigger, as migration V18 writes it) and forming the digest takes alone (NotificationStore.awaitJoins).
create function notification_person_key(tenant text, recipient text) returns integer
    language sql immutable parallel safe as $$ select hashtext(tenant || '/' || recipient) $$;
