-- Replaced by notification_tried_email (V7): every e-mail paid for an entry in it, and nothing reads it any more.
drop index notification_recent_email;
