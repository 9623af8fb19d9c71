-- An item's own row claims its externalId: feedback and customer_event are unique on (tenant, external_id), and the
-- intake statement inserts into them "on conflict (tenant, external_id) do nothing". The separate key table held the
-- same keys a second time (every claimed key was stored with its item in the same statement): a fifth of the writes
-- of every accepted item, and as much disk as the items' own indexes.
drop table idempotency_key;
