package communecast.app.device;

import java.util.List;

/** One page of the device list, by area (a commune with its villages together) then name; {@code total}: all pages. */
public record DevicePage(List<Device> devices, long total, int page, int size) {

    public boolean more() {
        return (long) (page + 1) * size < total;
    }
}
