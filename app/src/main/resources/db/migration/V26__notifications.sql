-- Alerts and other events leave the dashboard: to webhooks and by e-mail, each delivery kept until it is done.

-- Who is told: a webhook (target = URL, secret signs the body) or an e-mail address, for the events it names,
-- of devices and plays in its area and below (NULL: the whole country).
CREATE TABLE notify_subscription (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  channel    VARCHAR(8)    NOT NULL,
  target     VARCHAR(2000) NOT NULL,
  secret     VARCHAR(100)  NULL,
  area_id    BIGINT        NULL,
  events     VARCHAR(500)  NOT NULL,
  created_by BIGINT        NOT NULL,
  created_at DATETIME(3)   NOT NULL,
  deleted_at DATETIME(3)   NULL,
  CONSTRAINT fk_subscription_area FOREIGN KEY (area_id) REFERENCES area (id),
  INDEX ix_subscription_live (deleted_at, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What happened, once: the body every subscriber receives.
CREATE TABLE notify_event (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  type        VARCHAR(32)  NOT NULL,
  area_id     BIGINT       NOT NULL,
  device_id   BIGINT       NULL,
  -- A failed play is announced once, whichever node saw it first.
  log_id      BIGINT       NULL,
  payload     TEXT         NOT NULL,
  happened_at DATETIME(3)  NOT NULL,
  CONSTRAINT uq_event_log UNIQUE (log_id),
  CONSTRAINT fk_event_area FOREIGN KEY (area_id) REFERENCES area (id),
  INDEX ix_event_area (area_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One event to one subscriber: PENDING until the receiver took it (DELIVERED), tried again with backoff,
-- GAVE_UP after days of failures, CANCELLED when the subscription is deleted.
CREATE TABLE notify_delivery (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  event_id        BIGINT        NOT NULL,
  subscription_id BIGINT        NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  attempts        INT           NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3)   NOT NULL,
  -- The node sending it now, until when: another node takes it over only after that.
  claimed_by      VARCHAR(255)  NULL,
  claimed_until   DATETIME(3)   NULL,
  last_status     INT           NULL,
  last_error      VARCHAR(500)  NULL,
  created_at      DATETIME(3)   NOT NULL,
  delivered_at    DATETIME(3)   NULL,
  CONSTRAINT fk_delivery_event FOREIGN KEY (event_id) REFERENCES notify_event (id),
  CONSTRAINT fk_delivery_subscription FOREIGN KEY (subscription_id) REFERENCES notify_subscription (id),
  INDEX ix_delivery_due (status, next_attempt_at),
  INDEX ix_delivery_subscription (subscription_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An alert raised and not yet recovered, one per device and kind: a cluster raises and recovers each once.
CREATE TABLE device_alert (
  device_id BIGINT      NOT NULL,
  kind      VARCHAR(16) NOT NULL,
  raised_at DATETIME(3) NOT NULL,
  PRIMARY KEY (device_id, kind),
  CONSTRAINT fk_alert_device FOREIGN KEY (device_id) REFERENCES device (id)
) ENGINE = InnoDB;

-- How far the failed plays have been read: from then on, by the time their report arrived.
CREATE TABLE notify_watermark (
  name  VARCHAR(32) PRIMARY KEY,
  read_until DATETIME(3) NOT NULL
) ENGINE = InnoDB;

CREATE INDEX ix_device_offline ON device (online, last_seen_at);
CREATE INDEX ix_log_status_updated ON broadcast_log (status, updated_at);
