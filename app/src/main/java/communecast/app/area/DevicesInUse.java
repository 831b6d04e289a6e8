package communecast.app.area;

import communecast.app.security.CurrentUser;

import java.util.Map;

/**
 * How many devices in use each area the user sees holds directly, for the areas page. The device room answers it: it
 * depends on this room, so this room asks through this interface rather than call it back.
 */
public interface DevicesInUse {
    Map<Long, Long> perArea(CurrentUser user);
}
