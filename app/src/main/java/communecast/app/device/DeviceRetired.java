package communecast.app.device;

/** A device was retired: its plays still ahead are withdrawn, and it is planned for no more. */
public record DeviceRetired(long deviceId) {
}
