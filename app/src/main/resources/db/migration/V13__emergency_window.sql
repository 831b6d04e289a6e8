-- An emergency campaign's window, known before its first dispatch: each play it plans may start late up
-- to then (broadcast_log.play_until), so a device reached late by a long fan-out still airs it.
ALTER TABLE campaign ADD COLUMN play_until DATETIME(3) NULL;
