-- What the agent said in its last heartbeat (docs/protocol.md, "heartbeat").
ALTER TABLE device
  ADD COLUMN heartbeat_at     DATETIME(3)  NULL,
  ADD COLUMN uptime_seconds   BIGINT       NULL,
  ADD COLUMN playing_order_id BIGINT       NULL,
  ADD COLUMN next_order_id    BIGINT       NULL,
  ADD COLUMN next_start_at    DATETIME(3)  NULL,
  ADD COLUMN cache_bytes      BIGINT       NULL,
  ADD COLUMN free_disk_bytes  BIGINT       NULL,
  -- The device's own clock minus the server's, as the agent measured it.
  ADD COLUMN clock_offset_ms  BIGINT       NULL,
  ADD COLUMN last_error       VARCHAR(500) NULL;

-- Each time a device came online or went offline, and why.
CREATE TABLE device_event (
  id        BIGINT AUTO_INCREMENT PRIMARY KEY,
  device_id BIGINT       NOT NULL,
  kind      VARCHAR(16)  NOT NULL,
  reason    VARCHAR(300) NULL,
  at        DATETIME(3)  NOT NULL,
  CONSTRAINT fk_event_device FOREIGN KEY (device_id) REFERENCES device (id),
  INDEX ix_device_event (device_id, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Remote commands sent to agents and what they answered.
CREATE TABLE device_command (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  device_id  BIGINT       NOT NULL,
  name       VARCHAR(32)  NOT NULL,
  volume     DOUBLE       NULL,
  status     VARCHAR(16)  NOT NULL,
  message    VARCHAR(500) NULL,
  created_by BIGINT       NOT NULL,
  created_at DATETIME(3)  NOT NULL,
  done_at    DATETIME(3)  NULL,
  CONSTRAINT fk_command_device FOREIGN KEY (device_id) REFERENCES device (id),
  INDEX ix_command_device (device_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
