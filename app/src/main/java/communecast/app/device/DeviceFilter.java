package communecast.app.device;

import io.micronaut.core.annotation.Nullable;

/**
 * A search of the device list: below an area ({@code areaId}, null for all the user sees), names containing
 * {@code search} (accents and case aside, as the column's collation compares), in a {@code state}; the retired
 * devices apart from those in use.
 */
public record DeviceFilter(@Nullable Long areaId, @Nullable String search, @Nullable DeviceState state, boolean retired) {

    /** The LIKE pattern for the search, its own % and _ taken literally; null for no search. */
    @Nullable
    String namePattern() {
        if (search == null || search.isBlank()) {
            return null;
        }
        return "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    String stateSql() {
        return state == null ? "TRUE" : state.sql();
    }
}
