-- Reports over a year of logs (issue 7): a province makes tens of millions of broadcast logs a year, too many
-- to count for every report. broadcast_day holds, per campaign, device and local day, how many of its plays
-- ended in each final status (PLAYED, FAILED, MISSED, PREEMPTED, CANCELLED) and how long they aired.
-- PlayLog keeps it right in the same transaction that moves a log into or out of a final status (a report, the
-- MISSED sweep, a cancellation, a late report overturning MISSED, a pause undone), so it always equals what the
-- logs say. Plays not yet final (PENDING, PLAYING) are few (the dispatch horizon) and are read live.
-- On a database with years of logs this runs for minutes, and MariaDB cannot undo DDL: every step may run again
-- (IF [NOT] EXISTS, the backfill empties the table first), so after a failure `flyway repair` and a restart
-- finish it.
CREATE TABLE IF NOT EXISTS broadcast_day (
  campaign_id BIGINT      NOT NULL,
  device_id   BIGINT      NOT NULL,
  -- The date of scheduled_at in the configured zone (COMMUNECAST_TIMEZONE).
  day         DATE        NOT NULL,
  status      VARCHAR(16) NOT NULL,
  plays       BIGINT      NOT NULL,
  -- Sum of ended_at - started_at of these plays; reports count it for PLAYED and PREEMPTED only.
  airtime_ms  BIGINT      NOT NULL,
  -- A campaign's report reads its own range of the table, per device and status in key order.
  PRIMARY KEY (campaign_id, device_id, status, day),
  -- An area's period report reads its devices' days from this index alone, figures included.
  INDEX ix_day_device (device_id, day, campaign_id, status, plays, airtime_ms)
) ENGINE = InnoDB;

-- Plays not yet final (PENDING, PLAYING) are counted from indexes alone, without reading the rows: a campaign's
-- (with why its plays did not air: MISSED and FAILED by reason) from ix_log_campaign_status, an area's devices'
-- from ix_log_device_status, which now ends with the campaign.
ALTER TABLE broadcast_log
  ADD INDEX IF NOT EXISTS ix_log_campaign_status (campaign_id, status, reason, device_id, scheduled_at),
  DROP INDEX IF EXISTS ix_log_device_status,
  ADD INDEX ix_log_device_status (device_id, status, scheduled_at, campaign_id);

-- The logs already kept, one local day at a time: a small GROUP BY each, where one over every log needs a
-- temporary table of gigabytes. The local day is scheduled_at (UTC) plus the zone's offset, given by the server
-- (DatabaseFactory): exact for a zone without daylight saving time such as Asia/Ho_Chi_Minh. In a zone with
-- it, plays within an hour of midnight on the days around a switch may count on the neighbouring day.
DELIMITER //
BEGIN NOT ATOMIC
  DECLARE each_day DATE DEFAULT (SELECT DATE(MIN(scheduled_at) + INTERVAL ${utc_offset_seconds} SECOND) FROM broadcast_log);
  DECLARE last_day DATE DEFAULT (SELECT DATE(MAX(scheduled_at) + INTERVAL ${utc_offset_seconds} SECOND) FROM broadcast_log);
  DELETE FROM broadcast_day;
  WHILE each_day <= last_day DO
    INSERT INTO broadcast_day (campaign_id, device_id, day, status, plays, airtime_ms)
    SELECT campaign_id, device_id, each_day, status, COUNT(*),
           COALESCE(SUM(TIMESTAMPDIFF(MICROSECOND, started_at, ended_at)) DIV 1000, 0)
    FROM broadcast_log
    WHERE scheduled_at >= each_day - INTERVAL ${utc_offset_seconds} SECOND
      AND scheduled_at < each_day + INTERVAL 1 DAY - INTERVAL ${utc_offset_seconds} SECOND
      AND status IN ('PLAYED', 'FAILED', 'MISSED', 'PREEMPTED', 'CANCELLED')
    GROUP BY campaign_id, device_id, status;
    SET each_day = each_day + INTERVAL 1 DAY;
  END WHILE;
END//
DELIMITER ;
