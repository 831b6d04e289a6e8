-- A password set or reset ends the sessions opened before it: a token issued before this instant is refused.
ALTER TABLE app_user ADD COLUMN IF NOT EXISTS credentials_changed_at DATETIME(3) NULL;
