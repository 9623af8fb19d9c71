-- In an alert storm a person's task e-mails beyond the first few wait (status HELD) and go out together as one digest:
-- a notification of its own (event DIGEST, no task), which the e-mails it carried point to (status DIGESTED).
alter table notification alter column task_id drop not null;
alter table notification add column digest_id uuid references notification (id);
create index notification_held on notification (next_attempt_at) where status = 'HELD';
create index notification_digest on notification (digest_id) where digest_id is not null;
-- what a person had lately, read for each e-mail the dispatcher sends
create index notification_recent_email on notification (tenant, recipient, created_at) where channel = 'EMAIL';
