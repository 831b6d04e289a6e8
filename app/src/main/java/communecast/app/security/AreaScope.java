package communecast.app.security;

/** Whether an area lies inside a user's scope; the area room, which owns the tree, answers it. */
public interface AreaScope {
    boolean inScope(CurrentUser user, long areaId);
}
