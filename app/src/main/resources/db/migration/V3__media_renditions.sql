-- Issue 3: what processing measured and made, and media that is hidden but kept for the logs that name it.
ALTER TABLE media
  ADD COLUMN progress_percent      INT         NOT NULL DEFAULT 0,
  ADD COLUMN width                 INT         NULL,
  ADD COLUMN height                INT         NULL,
  ADD COLUMN has_audio             BOOLEAN     NOT NULL DEFAULT FALSE,
  ADD COLUMN loudness_before_lufs  DOUBLE      NULL,
  ADD COLUMN true_peak_before_dbtp DOUBLE      NULL,
  ADD COLUMN loudness_after_lufs   DOUBLE      NULL,
  ADD COLUMN true_peak_after_dbtp  DOUBLE      NULL,
  ADD COLUMN poster_sha256         CHAR(64)    NULL,
  ADD COLUMN waveform_sha256       CHAR(64)    NULL,
  -- How long an image stays on screen, as the staff chose at upload.
  ADD COLUMN still_seconds         INT         NOT NULL DEFAULT 15,
  ADD COLUMN deleted_at            DATETIME(3) NULL,
  ADD COLUMN deleted_by            BIGINT      NULL;

-- What a device actually downloads: the loudness-normalised broadcast audio, or a video made for one
-- screen size. One row per (media, kind, size); a new LED size adds rows, nothing replaces them.
CREATE TABLE media_rendition (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  media_id      BIGINT       NOT NULL,
  kind          VARCHAR(16)  NOT NULL,
  -- 0×0 for the audio rendition, so the unique key below works (NULLs never collide in a UNIQUE key).
  screen_width  INT          NOT NULL DEFAULT 0,
  screen_height INT          NOT NULL DEFAULT 0,
  status        VARCHAR(16)  NOT NULL,
  sha256        CHAR(64)     NULL,
  size_bytes    BIGINT       NULL,
  duration_ms   BIGINT       NULL,
  error         VARCHAR(1000) NULL,
  created_at    DATETIME(3)  NOT NULL,
  CONSTRAINT uq_rendition UNIQUE (media_id, kind, screen_width, screen_height),
  CONSTRAINT fk_rendition_media FOREIGN KEY (media_id) REFERENCES media (id),
  INDEX ix_rendition_status (status)
) ENGINE = InnoDB;
