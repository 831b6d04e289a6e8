-- A commune's answer to a clash on its devices between two campaigns ordered from above (Circular 39 leaves the
-- order to the commune): the plays of then_campaign_id go right after those of first_campaign_id they would
-- meet, on the commune's devices and its villages'. At most one order per pair and commune, either way round.
CREATE TABLE clash_order (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  area_id           BIGINT      NOT NULL,
  first_campaign_id BIGINT      NOT NULL,
  then_campaign_id  BIGINT      NOT NULL,
  -- The pair with the lower id first, whichever goes first: the unique key sees A-before-B and B-before-A as one.
  low_campaign_id   BIGINT      AS (LEAST(first_campaign_id, then_campaign_id)) PERSISTENT,
  high_campaign_id  BIGINT      AS (GREATEST(first_campaign_id, then_campaign_id)) PERSISTENT,
  picked_by         BIGINT      NOT NULL,
  picked_at         DATETIME(3) NOT NULL,
  CONSTRAINT uq_clash_pair UNIQUE (area_id, low_campaign_id, high_campaign_id),
  CONSTRAINT fk_clash_area FOREIGN KEY (area_id) REFERENCES area (id),
  CONSTRAINT fk_clash_first FOREIGN KEY (first_campaign_id) REFERENCES campaign (id),
  CONSTRAINT fk_clash_then FOREIGN KEY (then_campaign_id) REFERENCES campaign (id),
  CONSTRAINT fk_clash_user FOREIGN KEY (picked_by) REFERENCES app_user (id),
  INDEX ix_clash_then (then_campaign_id),
  INDEX ix_clash_first (first_campaign_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
