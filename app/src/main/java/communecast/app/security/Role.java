package communecast.app.security;

/** What a staff user may do; where, is their area scope. */
public enum Role {
    ADMIN, EDITOR, APPROVER, VIEWER;

    /** The role a device's token carries: agent endpoints only. */
    public static final String AGENT = "AGENT";
}
