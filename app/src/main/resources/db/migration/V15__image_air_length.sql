-- A picture airs as a still for still_seconds: plans, overlaps and reports read its length from duration_ms,
-- which the probe had left at 0 for pictures processed before this version.
UPDATE media SET duration_ms = still_seconds * 1000 WHERE kind = 'IMAGE' AND still_seconds > 0;
