-- A relay's item may name a recorded medium to air when its stream is down at the start (tiếp sóng dự phòng).
ALTER TABLE campaign_item
  ADD COLUMN IF NOT EXISTS fallback_media_id BIGINT NULL,
  ADD CONSTRAINT fk_item_fallback_media FOREIGN KEY IF NOT EXISTS (fallback_media_id) REFERENCES media (id);
