-- The media library selects by the user's areas in SQL, newest first (as V18 does for campaigns).
CREATE INDEX ix_media_area ON media (area_id, id);
