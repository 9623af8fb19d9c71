-- Nothing reads feedback or events by customer: ingestion only claims externalIds (the unique keys) and hands every
-- item on through the outbox; the customer's history lives in scoring. The (tenant, customer_id, occurred_at) indexes
-- were write cost alone, and the largest: with many customers each insert lands on a random page of them. Measured on
-- the intake statement of 1,000 feedback items into a table of 1.2 M: 45 ms with the index, 30 ms without.
drop index feedback_customer;
drop index customer_event_customer;
