-- Every change to a campaign, with who and when (CREATED, SUBMITTED, APPROVED, PAUSED, RESUMED, CANCELLED).
CREATE TABLE campaign_event (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT       NOT NULL,
  action      VARCHAR(16)  NOT NULL,
  user_id     BIGINT       NOT NULL,
  username    VARCHAR(100) NOT NULL,
  at          DATETIME(3)  NOT NULL,
  CONSTRAINT fk_event_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
  INDEX ix_event_campaign (campaign_id, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
