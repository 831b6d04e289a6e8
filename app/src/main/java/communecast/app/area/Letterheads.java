package communecast.app.area;

import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Each area's letterhead: what the office set, the rest derived from the area. A commune's reports come from
 * its People's Committee unless it names another unit (the culture centre), which then sits under the committee.
 * The one place that says what a report's header and signature hold.
 */
@Singleton
public final class Letterheads {
    /** Reports of national campaigns, made by users of no area. */
    static final Letterhead NATIONAL = new Letterhead("Bộ Văn hóa, Thể thao và Du lịch", "Cục Thông tin cơ sở", "TTCS",
            "Hà Nội", "CỤC TRƯỞNG", null);
    private static final String COMMITTEE = "Ủy ban nhân dân";
    private static final String COMMITTEE_SIGNS = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
    private static final String HEAD_SIGNS = "THỦ TRƯỞNG ĐƠN VỊ";
    /** How the names of provinces and communes begin: "Thành phố Huế" is a place called Huế; "Bản Lầu" is all name. */
    private static final List<String> KIND_WORDS = List.of("thành phố", "đặc khu", "phường", "tỉnh", "xã");

    private final Jdbi jdbi;
    private final Areas areas;

    Letterheads(Jdbi jdbi, Areas areas) {
        this.jdbi = jdbi;
        this.areas = areas;
    }

    /** The columns as stored: null is "the default". */
    @Serdeable
    public record Stored(@Nullable @ColumnName("unit_name") String unitName, @Nullable @ColumnName("superior_unit") String superiorUnit,
                         @Nullable @ColumnName("unit_code") String unitCode, @Nullable String place,
                         @Nullable @ColumnName("signer_title") String signerTitle, @Nullable @ColumnName("signer_name") String signerName) {
    }

    /** The letterhead of the unit of an area (null: the country); a village reports through its commune. */
    public Letterhead of(@Nullable Long areaId) {
        if (areaId == null) {
            return NATIONAL;
        }
        AreaRepository repo = jdbi.onDemand(AreaRepository.class);
        Area area = repo.find(areaId).orElseThrow(() -> ApiException.notFound("area", areaId));
        if (area.kind() == AreaKind.VILLAGE && area.parentId() != null) {
            return of(area.parentId());
        }
        return derived(area, repo.letterhead(areaId).orElseThrow());
    }

    Letterhead get(CurrentUser user, long areaId) {
        areas.visible(user, areaId);
        return of(areaId);
    }

    /** Replaces what the office set; a blank or missing field goes back to its default. */
    Letterhead set(CurrentUser user, long areaId, Stored request) {
        user.require(Role.ADMIN, Role.EDITOR);
        Area area = areas.visible(user, areaId);
        if (area.kind() == AreaKind.VILLAGE) {
            throw ApiException.badRequest("NOT_A_UNIT", "a village reports through its commune: set the commune's letterhead");
        }
        Stored stored = new Stored(field("unitName", request.unitName(), 200), field("superiorUnit", request.superiorUnit(), 200),
                field("unitCode", request.unitCode(), 30), field("place", request.place(), 100),
                field("signerTitle", request.signerTitle(), 200), field("signerName", request.signerName(), 100));
        jdbi.onDemand(AreaRepository.class).setLetterhead(areaId, stored);
        return of(areaId);
    }

    /** Only the name of the unit that signs the area's reports; the rest of the letterhead stays as set. */
    public Letterhead setUnitName(CurrentUser user, long areaId, @Nullable String unitName) {
        Stored now = jdbi.onDemand(AreaRepository.class).letterhead(areaId).orElseThrow(() -> ApiException.notFound("area", areaId));
        return set(user, areaId, new Stored(unitName, now.superiorUnit(), now.unitCode(), now.place(), now.signerTitle(), now.signerName()));
    }

    static String field(String name, @Nullable String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw ApiException.badRequest("TOO_LONG", name + " may have at most " + maxLength + " characters");
        }
        return trimmed;
    }

    private static Letterhead derived(Area area, Stored stored) {
        String areaCommittee = COMMITTEE + " " + lowerFirst(named(area));
        String unit = stored.unitName() != null ? stored.unitName() : areaCommittee;
        boolean committee = isCommittee(unit);
        return new Letterhead(
                stored.superiorUnit() != null ? stored.superiorUnit() : committee ? null : areaCommittee,
                unit,
                stored.unitCode() != null ? stored.unitCode() : committee ? "UBND" : initials(unit),
                stored.place() != null ? stored.place() : place(area.name()),
                stored.signerTitle() != null ? stored.signerTitle() : committee ? COMMITTEE_SIGNS : HEAD_SIGNS,
                stored.signerName());
    }

    /** A People's Committee heads its own documents: no unit above it on the letterhead. */
    private static boolean isCommittee(String unit) {
        String lower = unit.toLowerCase(Locale.ROOT);
        return lower.startsWith("ủy ban nhân dân") || lower.startsWith("uỷ ban nhân dân") || lower.startsWith("ubnd");
    }

    /** "Xã Lợi Bác" as it is; "Lợi Bác", a commune, as "xã Lợi Bác". */
    private static String named(Area area) {
        return kindWord(area.name()) != null ? area.name() : (area.kind() == AreaKind.PROVINCE ? "tỉnh " : "xã ") + area.name();
    }

    /** The place of the date line: "Xã Lợi Bác" → "Lợi Bác". */
    static String place(String areaName) {
        String word = kindWord(areaName);
        return word == null ? areaName : areaName.substring(word.length()).strip();
    }

    private static String kindWord(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return KIND_WORDS.stream().filter(w -> lower.startsWith(w + " ")).findFirst().orElse(null);
    }

    /** "Trung tâm Văn hóa – Thể thao – Truyền thông" → "TTVHTTTT", as offices abbreviate their units. */
    static String initials(String unit) {
        return Arrays.stream(unit.split("\\s+"))
                .filter(w -> !w.isEmpty() && Character.isLetter(w.charAt(0)))
                .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining());
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
