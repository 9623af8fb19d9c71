-- A message's id is now taken only once its transaction has a transaction id (xid) of its own: the default asks for
-- the xid first (pg_current_xact_id assigns one if there is none yet), then for the next id. The relay relies on it to
-- read from a floor instead of from the start of the primary key, stepping over every row it deleted and vacuum has
-- not yet removed (RelayFloor: every transaction holding an id up to N had its xid before any snapshot that saw N).
-- The sequence goes on from where the identity column's ended.
do $$
declare
    next_id bigint := nextval(pg_get_serial_sequence('outbox_message', 'id'));
begin
    alter table outbox_message alter column id drop identity;
    create sequence outbox_message_id_seq owned by outbox_message.id;
    perform setval('outbox_message_id_seq', next_id, false);
end $$;
alter table outbox_message alter column id set default
    (case when pg_current_xact_id() is not null then nextval('outbox_message_id_seq') end);
