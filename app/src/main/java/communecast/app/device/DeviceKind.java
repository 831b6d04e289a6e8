package communecast.app.device;

/** RADIO: a commune radio PC driving loudspeakers. LED: a screen controller PC. */
public enum DeviceKind {
    RADIO, LED
}
