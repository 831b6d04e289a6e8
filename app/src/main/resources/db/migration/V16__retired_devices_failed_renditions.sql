-- A retired device (ngừng sử dụng) stays for the broadcast logs and reports that name it; it links, plays and
-- needs renditions no more. Who retired it and when.
ALTER TABLE device
  ADD COLUMN retired_at DATETIME(3) NULL,
  ADD COLUMN retired_by BIGINT      NULL;

-- Before this version one screen size the encoder refused (8×8) rejected every picture and video with the Java
-- exception and a server path as its error; what staff see now says it in words. Their renditions left in
-- PROCESSING are made again at start, and a size the encoder cannot make then ends FAILED with the reason.
UPDATE media
   SET error = 'the server could not process this file (not a fault found in the file): upload it again, and if it fails again ask the administrator, whose server log has the detail'
 WHERE status = 'REJECTED' AND error LIKE 'could not be processed: %';
