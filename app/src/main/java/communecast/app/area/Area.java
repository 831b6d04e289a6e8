package communecast.app.area;

import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

@Serdeable
public record Area(long id, String name, String code, AreaKind kind, @ColumnName("parent_id") Long parentId, String path) {

    /** True when {@code other} is this area or lies below it. */
    boolean contains(Area other) {
        return other.path.startsWith(path);
    }
}
