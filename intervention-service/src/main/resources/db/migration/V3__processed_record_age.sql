-- Applied record ids are pruned once older than the tier-change topic's retention (ProcessedRecords): by age, through
-- this index (appended at its right edge, as ids are claimed in time order).
create index processed_record_age on processed_record (processed_at);
