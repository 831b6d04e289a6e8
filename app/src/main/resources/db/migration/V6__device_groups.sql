-- Named device groups (e.g. "loa chợ trung tâm"): a campaign may target them beside areas and devices.
CREATE TABLE device_group (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  name       VARCHAR(200) NOT NULL,
  area_id    BIGINT       NOT NULL,
  created_at DATETIME(3)  NOT NULL,
  CONSTRAINT fk_group_area FOREIGN KEY (area_id) REFERENCES area (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE device_group_member (
  group_id  BIGINT NOT NULL,
  device_id BIGINT NOT NULL,
  PRIMARY KEY (group_id, device_id),
  CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES device_group (id),
  CONSTRAINT fk_member_device FOREIGN KEY (device_id) REFERENCES device (id)
) ENGINE = InnoDB;

ALTER TABLE campaign_target
  ADD COLUMN group_id BIGINT NULL,
  ADD CONSTRAINT fk_target_group FOREIGN KEY (group_id) REFERENCES device_group (id);
