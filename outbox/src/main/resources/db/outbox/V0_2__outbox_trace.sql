-- The W3C trace context of the request that wrote the message, carried on as a Kafka header by the relay.
alter table outbox_message add column trace_parent text;
