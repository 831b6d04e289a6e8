-- Dead air: how long what a device has on air has been silent, and whether that passed its limit.
ALTER TABLE device
  ADD COLUMN silence_seconds BIGINT  NULL,
  ADD COLUMN dead_air        BOOLEAN NOT NULL DEFAULT FALSE;
