-- A bulletin made from text (TTS) keeps the text it reads, shown beside its player and kept for the record.
ALTER TABLE media ADD COLUMN spoken_text TEXT NULL;
