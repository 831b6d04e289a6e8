package communecast.app.device;

/** What the device list can be narrowed to: how a device stands now, as its row in {@code device} says. */
public enum DeviceState {
    ONLINE("online"),
    OFFLINE("NOT online"),
    DEAD_AIR("dead_air"),
    CLOCK_OFF(DeviceState.CLOCK_OFF_SQL),
    /** Anything staff must look at: offline, silent on air, or its clock off. */
    TROUBLE("(NOT online OR dead_air OR " + DeviceState.CLOCK_OFF_SQL + ")");

    /** More than 2 s off the server's clock: the same bound as {@link Device#clockOk()}. */
    static final String CLOCK_OFF_SQL = "COALESCE(ABS(clock_offset_ms) > 2000, FALSE)";

    private final String sql;

    DeviceState(String sql) {
        this.sql = sql;
    }

    /** A condition on the {@code device} row; a constant, never user input. */
    String sql() {
        return sql;
    }
}
