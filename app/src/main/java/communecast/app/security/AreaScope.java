package communecast.app.security;

/** Whether an area lies inside a user's scope; the area room, which owns the tree, answers it. */
public interface AreaScope {
    boolean inScope(CurrentUser user, long areaId);

    /** Whether an administrator may give this area (null: the whole country) to an account or a key: theirs or inside it. */
    default boolean grants(CurrentUser admin, Long areaId) {
        return areaId == null ? admin.areaId() == null : inScope(admin, areaId);
    }
}
