-- The agent's own time of the heartbeat last applied: messages of one link may be handled out of order,
-- and an older heartbeat must not overwrite a newer one.
ALTER TABLE device ADD COLUMN heartbeat_sent_at DATETIME(3) NULL;
