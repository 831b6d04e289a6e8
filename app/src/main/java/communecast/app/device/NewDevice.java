package communecast.app.device;

import io.micronaut.serde.annotation.Serdeable;

/** A device to register: its name, area and kind, and an LED screen's size. */
@Serdeable
public record NewDevice(String name, Long areaId, DeviceKind kind, Integer screenWidth, Integer screenHeight) {
}
