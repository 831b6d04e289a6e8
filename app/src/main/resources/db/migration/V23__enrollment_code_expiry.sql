-- When a device's enrollment code was issued: a code expires (communecast.enrollment.code-valid-for, 7 days by
-- default). Codes issued before this migration have no time and do not expire until reissued.
ALTER TABLE device ADD COLUMN IF NOT EXISTS enrollment_code_at DATETIME(3) NULL;
