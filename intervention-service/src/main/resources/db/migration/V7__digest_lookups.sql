-- Whether a person's next e-mail waits for a digest depends on the e-mails they were sent lately and on the ones
-- already waiting. In a storm one person can have tens of thousands of e-mails waiting or carried by digests; these
-- two indexes find the few sent ones and the earliest waiting one without reading the rest.
create index notification_tried_email on notification (tenant, recipient, created_at)
    where channel = 'EMAIL' and task_id is not null and attempt > 0;
create index notification_held_per_person on notification (tenant, recipient, next_attempt_at)
    where status = 'HELD';
