package communecast.app.area;

import java.util.Set;

/**
 * An area's quiet hours changed, and with them those of the areas below it that follow it: the plays already
 * sent to their loudspeakers are planned again.
 */
public record QuietHoursChanged(long areaId, Set<Long> affectedAreaIds) {
}
