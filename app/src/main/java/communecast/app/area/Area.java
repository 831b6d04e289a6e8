package communecast.app.area;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** {@code unitName}: the unit that signs the area's reports as set, null for the default ({@link Letterheads}). */
@Serdeable
public record Area(long id, String name, String code, AreaKind kind, @ColumnName("parent_id") Long parentId, String path,
                   @Nullable @ColumnName("quiet_from") LocalTime quietFrom, @Nullable @ColumnName("quiet_to") LocalTime quietTo,
                   @Nullable @ColumnName("unit_name") String unitName) {

    /** True when {@code other} is this area or lies below it. */
    boolean contains(Area other) {
        return other.path.startsWith(path);
    }

    /** This area and its ancestors, nearest first ("/1/7/42/" → 42, 7, 1). */
    List<Long> selfAndAncestors() {
        List<Long> ids = new ArrayList<>(Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).map(Long::valueOf).toList());
        Collections.reverse(ids);
        return ids;
    }
}
