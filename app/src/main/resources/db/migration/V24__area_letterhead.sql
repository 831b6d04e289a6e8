-- What an area's reports carry as an official document (Nghị định 30/2020/NĐ-CP): the unit that issues them
-- (unit_name, e.g. "UBND xã Lợi Bác" or "Trung tâm Văn hóa – Thể thao – Truyền thông"), the unit above it, the
-- code in the document number (Số: …/BC-UBND), the place in the date line, and who signs. NULL takes the
-- default the server derives from the area (Ủy ban nhân dân xã …, its place name, TM. ỦY BAN NHÂN DÂN).
ALTER TABLE area
  ADD COLUMN IF NOT EXISTS unit_name     VARCHAR(200) NULL,
  ADD COLUMN IF NOT EXISTS superior_unit VARCHAR(200) NULL,
  ADD COLUMN IF NOT EXISTS unit_code     VARCHAR(30)  NULL,
  ADD COLUMN IF NOT EXISTS place         VARCHAR(100) NULL,
  ADD COLUMN IF NOT EXISTS signer_title  VARCHAR(200) NULL,
  ADD COLUMN IF NOT EXISTS signer_name   VARCHAR(100) NULL;
