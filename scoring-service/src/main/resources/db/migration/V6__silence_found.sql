-- Whether the customer's last assessment found them silent beyond their silence floor (only the silence scan scores
-- against the wall clock). A record applied later keeps that silence unless it ends it; kept as a column so applying a
-- record need not parse the last assessment to know.
alter table customer_health add column silence_found boolean not null default false;
update customer_health set silence_found = true where assessment like '%"rule":"SILENCE"%';
