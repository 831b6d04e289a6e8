-- Khoá API: another system (the province's information-source system, a website) calls the API with a key instead
-- of a login. Only the key's SHA-256 is kept. A key acts with its own role and area, on behalf of the administrator
-- who made it: it stops when it is revoked or when that administrator is disabled.
CREATE TABLE api_key (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  -- Short enough that "api-key:" and it fit where a username is written (campaign history).
  name         VARCHAR(80)  NOT NULL,
  key_hash     CHAR(64)     NOT NULL,
  role         VARCHAR(16)  NOT NULL,
  -- NULL: the whole country.
  area_id      BIGINT       NULL,
  created_by   BIGINT       NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  revoked_at   DATETIME(3)  NULL,
  last_used_at DATETIME(3)  NULL,
  CONSTRAINT uq_api_key_hash UNIQUE (key_hash),
  CONSTRAINT fk_api_key_area FOREIGN KEY (area_id) REFERENCES area (id),
  CONSTRAINT fk_api_key_user FOREIGN KEY (created_by) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
