package communecast.app.device;

import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** The pixel size of an LED panel, e.g. 384×192: every picture gets a rendition for each size in use. */
public record LedScreen(@ColumnName("screen_width") int width, @ColumnName("screen_height") int height) {
}
