package communecast.app.device;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A named set of devices inside one area, targeted as a whole. */
@Serdeable
public record DeviceGroup(long id, String name, long areaId, List<Long> deviceIds) {
}
