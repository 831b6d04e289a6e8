-- Quiet hours per area (giờ không phát loa): NULL means "as the parent area", up to the server's default.
ALTER TABLE area
  ADD COLUMN quiet_from TIME NULL,
  ADD COLUMN quiet_to   TIME NULL;
