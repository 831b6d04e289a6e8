package communecast.app.area;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How an area's reports head and sign as an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the
 * unit above (cơ quan chủ quản, none for a People's Committee), the issuing unit, the code after "Số: …/BC-",
 * the place of the date line, the signer's position (lines split by "\n") and, when known, their name.
 */
@Serdeable
public record Letterhead(@Nullable String superiorUnit, String unitName, String unitCode, String place, String signerTitle,
                         @Nullable String signerName) {
}
