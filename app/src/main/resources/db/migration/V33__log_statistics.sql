-- InnoDB's default sample of 20 pages guessed 10,000+ devices in a province's year of logs where 2,160 played, so
-- MariaDB now and then chose to read each device's logs and sort the year on disk (7–8 s a page of the export)
-- instead of walking ix_log_time in page order (about 0.1 s). A larger sample keeps its estimate right
-- (ExportBench, docs/PERFORMANCE.md). Metadata only: instant on any size of table.
ALTER TABLE broadcast_log STATS_SAMPLE_PAGES = 400, ALGORITHM = INSTANT;
ANALYZE TABLE broadcast_log;
