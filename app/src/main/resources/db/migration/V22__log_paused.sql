-- A play taken back by a pause is marked as such, so the resume finds it by this flag and not by the words
-- of its reason (which are for people, and may be reworded). Only a paused campaign's plays can come back.
ALTER TABLE broadcast_log ADD COLUMN IF NOT EXISTS paused BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE broadcast_log l JOIN campaign c ON c.id = l.campaign_id
   SET l.paused = TRUE
 WHERE c.status = 'PAUSED' AND l.status = 'CANCELLED' AND l.reason = 'campaign paused';
