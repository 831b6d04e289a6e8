-- Instants are DATETIME(3) holding UTC (see db.InstantMapping); local dates are DATE in the configured zone.

CREATE TABLE area (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  name       VARCHAR(200) NOT NULL,
  code       VARCHAR(64)  NOT NULL,
  kind       VARCHAR(16)  NOT NULL,
  parent_id  BIGINT       NULL,
  -- Materialised path "/1/7/42/": a subtree is one prefix range on an index.
  path       VARCHAR(700) NOT NULL,
  created_at DATETIME(3)  NOT NULL,
  CONSTRAINT uq_area_code UNIQUE (code),
  CONSTRAINT fk_area_parent FOREIGN KEY (parent_id) REFERENCES area (id),
  INDEX ix_area_path (path)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE app_user (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  username      VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  -- NULL: the whole country.
  area_id       BIGINT       NULL,
  created_at    DATETIME(3)  NOT NULL,
  CONSTRAINT uq_user_username UNIQUE (username),
  CONSTRAINT fk_user_area FOREIGN KEY (area_id) REFERENCES area (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Secrets the whole cluster must share (the JWT signing key), made once at first start.
CREATE TABLE app_secret (
  name       VARCHAR(64)  PRIMARY KEY,
  secret     VARCHAR(255) NOT NULL,
  created_at DATETIME(3)  NOT NULL
) ENGINE = InnoDB;

CREATE TABLE device (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  name                 VARCHAR(200) NOT NULL,
  area_id              BIGINT       NOT NULL,
  kind                 VARCHAR(16)  NOT NULL,
  screen_width         INT          NULL,
  screen_height        INT          NULL,
  -- Only hashes: a stolen database must not let anyone enroll or impersonate a device.
  enrollment_code_hash CHAR(64)     NULL,
  token_hash           CHAR(64)     NULL,
  enrolled_at          DATETIME(3)  NULL,
  online               BOOLEAN      NOT NULL DEFAULT FALSE,
  last_seen_at         DATETIME(3)  NULL,
  agent_version        VARCHAR(64)  NULL,
  created_at           DATETIME(3)  NOT NULL,
  CONSTRAINT fk_device_area FOREIGN KEY (area_id) REFERENCES area (id),
  CONSTRAINT uq_device_enrollment UNIQUE (enrollment_code_hash),
  CONSTRAINT uq_device_token UNIQUE (token_hash),
  INDEX ix_device_area (area_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE media (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  title       VARCHAR(300) NOT NULL,
  status      VARCHAR(16)  NOT NULL,
  kind        VARCHAR(16)  NULL,
  duration_ms BIGINT       NULL,
  sha256      CHAR(64)     NOT NULL,
  size_bytes  BIGINT       NOT NULL,
  container   VARCHAR(64)  NULL,
  error       VARCHAR(1000) NULL,
  area_id     BIGINT       NULL,
  created_by  BIGINT       NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  CONSTRAINT fk_media_user FOREIGN KEY (created_by) REFERENCES app_user (id),
  INDEX ix_media_sha (sha256)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE campaign (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  title       VARCHAR(300) NOT NULL,
  legal_basis VARCHAR(500) NULL,
  level       VARCHAR(16)  NOT NULL,
  status      VARCHAR(16)  NOT NULL,
  start_date  DATE         NOT NULL,
  end_date    DATE         NOT NULL,
  area_id     BIGINT       NULL,
  created_by  BIGINT       NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  approved_by BIGINT       NULL,
  approved_at DATETIME(3)  NULL,
  cancelled_by BIGINT      NULL,
  cancelled_at DATETIME(3) NULL,
  CONSTRAINT fk_campaign_creator FOREIGN KEY (created_by) REFERENCES app_user (id),
  INDEX ix_campaign_status (status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE campaign_excluded_date (
  campaign_id BIGINT NOT NULL,
  day         DATE   NOT NULL,
  PRIMARY KEY (campaign_id, day),
  CONSTRAINT fk_excluded_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE = InnoDB;

CREATE TABLE campaign_target (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT NOT NULL,
  area_id     BIGINT NULL,
  device_id   BIGINT NULL,
  CONSTRAINT fk_target_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
  CONSTRAINT fk_target_area FOREIGN KEY (area_id) REFERENCES area (id),
  CONSTRAINT fk_target_device FOREIGN KEY (device_id) REFERENCES device (id),
  INDEX ix_target_campaign (campaign_id)
) ENGINE = InnoDB;

CREATE TABLE campaign_item (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT       NOT NULL,
  position    INT          NOT NULL,
  media_id    BIGINT       NOT NULL,
  -- The rule as the API's JSON ({"type":"DAILY","times":[...]}): one shape everywhere.
  rule_json   VARCHAR(4000) NOT NULL,
  CONSTRAINT fk_item_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
  CONSTRAINT fk_item_media FOREIGN KEY (media_id) REFERENCES media (id),
  INDEX ix_item_campaign (campaign_id, position)
) ENGINE = InnoDB;

-- Dispatch's cursor per campaign: plays starting before this instant already have broadcast logs.
CREATE TABLE dispatch_cursor (
  campaign_id      BIGINT      PRIMARY KEY,
  dispatched_until DATETIME(3) NOT NULL,
  CONSTRAINT fk_cursor_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id)
) ENGINE = InnoDB;

-- nhật ký phát sóng: one row per planned play, from PENDING to exactly one final status.
CREATE TABLE broadcast_log (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id  BIGINT       NOT NULL,
  item_id      BIGINT       NOT NULL,
  device_id    BIGINT       NOT NULL,
  media_id     BIGINT       NOT NULL,
  scheduled_at DATETIME(3)  NOT NULL,
  started_at   DATETIME(3)  NULL,
  ended_at     DATETIME(3)  NULL,
  status       VARCHAR(16)  NOT NULL,
  reason       VARCHAR(500) NULL,
  created_at   DATETIME(3)  NOT NULL,
  updated_at   DATETIME(3)  NOT NULL,
  -- A play is planned once, however often dispatch runs for its window.
  CONSTRAINT uq_log_play UNIQUE (campaign_id, item_id, device_id, scheduled_at),
  CONSTRAINT fk_log_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
  CONSTRAINT fk_log_device FOREIGN KEY (device_id) REFERENCES device (id),
  CONSTRAINT fk_log_media FOREIGN KEY (media_id) REFERENCES media (id),
  INDEX ix_log_device_status (device_id, status, scheduled_at),
  INDEX ix_log_status_time (status, scheduled_at),
  INDEX ix_log_campaign_time (campaign_id, scheduled_at),
  INDEX ix_log_time (scheduled_at)
) ENGINE = InnoDB;
