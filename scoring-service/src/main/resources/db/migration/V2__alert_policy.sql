-- The last alert (tier and time), so a tier already alerted is not alerted again within the cool-down.
alter table customer_health
    add column last_alert_tier text,
    add column last_alert_at   timestamptz;
