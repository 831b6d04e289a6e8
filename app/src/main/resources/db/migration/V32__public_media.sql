-- A bulletin or video staff mark public goes on the unit's website (/public/areas/{code}, its feed and player) while
-- an approved campaign airs it; nothing else is reachable there.
ALTER TABLE media ADD COLUMN is_public BOOLEAN NOT NULL DEFAULT FALSE;
