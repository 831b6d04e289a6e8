package communecast.app.device;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A named set of devices of one area, to target together. */
@Serdeable
public record NewDeviceGroup(String name, Long areaId, List<Long> deviceIds) {
}
