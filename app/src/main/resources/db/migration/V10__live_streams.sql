-- Tiếp sóng: a live stream (VOV1 over HTTP/Icecast or HLS) is a media item of kind STREAM with its URL
-- and the length of the window it is relayed for (duration_ms); agents read it live, nothing is stored.
ALTER TABLE media ADD COLUMN stream_url VARCHAR(2000) NULL;
