-- Campaign lists select by the user's areas in SQL and page newest first (area_id IN (...) ORDER BY id DESC):
-- this index reads only the campaigns of those areas, however many the rest of the country has.
CREATE INDEX ix_campaign_area ON campaign (area_id, id);
