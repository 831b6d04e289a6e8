-- An edit of an approved campaign waits here for approval while the approved version keeps airing.
CREATE TABLE campaign_revision (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id BIGINT      NOT NULL,
  number      INT         NOT NULL,
  -- The edit as the API received it (the body of PUT /api/campaigns/{id}): applied as is on approval.
  body_json   MEDIUMTEXT  NOT NULL,
  status      VARCHAR(16) NOT NULL,
  created_by  BIGINT      NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  decided_by  BIGINT      NULL,
  decided_at  DATETIME(3) NULL,
  CONSTRAINT uq_revision_number UNIQUE (campaign_id, number),
  CONSTRAINT fk_revision_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id),
  CONSTRAINT fk_revision_author FOREIGN KEY (created_by) REFERENCES app_user (id),
  INDEX ix_revision_status (campaign_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The revision now in force; 1 is the campaign as first approved.
ALTER TABLE campaign ADD COLUMN revision INT NOT NULL DEFAULT 1;

-- Room for REVISION_APPROVED and REVISION_DISCARDED.
ALTER TABLE campaign_event MODIFY action VARCHAR(32) NOT NULL;
