-- The staff pages over a province's thousands of devices (issue 14, docs/PERFORMANCE.md):
-- the dashboard's plays of today per status, counted from this index alone (about 150,000 a day in a province of
-- 5,000 devices; from ix_log_time it read each row, and with the device list as IN it scanned every log);
ALTER TABLE broadcast_log ADD INDEX IF NOT EXISTS ix_log_time_status_device (scheduled_at, status, device_id);
-- the log page filtered by campaign and status, newest first: its first page read in order, not every newer log.
ALTER TABLE broadcast_log ADD INDEX IF NOT EXISTS ix_log_campaign_status_time (campaign_id, status, scheduled_at);
