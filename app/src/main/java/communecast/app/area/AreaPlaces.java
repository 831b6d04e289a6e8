package communecast.app.area;

import communecast.app.security.CurrentUser;
import communecast.app.security.ScopeAreas;
import jakarta.inject.Singleton;

import java.util.List;

/** The user's tree as the users page's area picker lists it. */
@Singleton
final class AreaPlaces implements ScopeAreas {
    private final Areas areas;

    AreaPlaces(Areas areas) {
        this.areas = areas;
    }

    @Override
    public List<Place> places(CurrentUser user) {
        return areas.visibleTree(user).stream().map(a -> new Place(a.id(), a.name())).toList();
    }
}
