-- Device tokens were hashed upper-cased, so any mix of cases matched. A token hashed before this version
-- keeps token_exact FALSE until its first use, when the server replaces its hash with the exact one.
ALTER TABLE device ADD COLUMN token_exact BOOLEAN NOT NULL DEFAULT FALSE;

-- A disabled user's tokens stop working at the next request (each request reads the user behind its token).
ALTER TABLE app_user ADD COLUMN disabled_at DATETIME(3) NULL;
