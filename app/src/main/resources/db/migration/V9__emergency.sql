-- Phát khẩn cấp: a broadcast that interrupts everything on its targets, played by any device that is
-- linked before its window closes.
CREATE TABLE emergency (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id   BIGINT      NOT NULL,
  media_id      BIGINT      NOT NULL,
  repeat_count  INT         NOT NULL,
  valid_until   DATETIME(3) NOT NULL,
  created_by    BIGINT      NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  stopped_by    BIGINT      NULL,
  stopped_at    DATETIME(3) NULL,
  CONSTRAINT fk_emergency_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
  CONSTRAINT fk_emergency_media FOREIGN KEY (media_id) REFERENCES media (id),
  CONSTRAINT fk_emergency_user FOREIGN KEY (created_by) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE broadcast_log
  -- Set for an emergency's plays: a device linked late still plays them until then; after, MISSED.
  ADD COLUMN play_until   DATETIME(3) NULL,
  -- When the order last reached the device's link (a connected agent had it sent).
  ADD COLUMN delivered_at DATETIME(3) NULL;
