package communecast.app.security;

import java.util.List;

/**
 * The areas an admin may place an account in, by name, for the users page's picker. The area room answers it: it
 * depends on this room (for the user and their scope), so this room asks through this interface.
 */
public interface ScopeAreas {

    /** The user's area and every area below it, parents before children. */
    List<Place> places(CurrentUser user);

    record Place(long id, String name) {
    }
}
