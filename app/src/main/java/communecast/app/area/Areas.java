package communecast.app.area;

import communecast.app.schedule.QuietHours;
import communecast.app.security.AreaScope;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The administrative tree, and the one place that decides whether an area is inside a user's scope. */
@Singleton
public class Areas implements AreaScope {
    private final Jdbi jdbi;
    private final Clock clock;
    private final QuietHours defaultQuietHours;
    private final ApplicationEventPublisher<QuietHoursChanged> quietHoursChanged;

    Areas(Jdbi jdbi, Clock clock, QuietHoursDefault quietHours, ApplicationEventPublisher<QuietHoursChanged> quietHoursChanged) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.defaultQuietHours = new QuietHours(quietHours.from(), quietHours.to());
        this.quietHoursChanged = quietHoursChanged;
    }

    /** Sets (or with nulls clears, back to the parent's) the area's quiet hours for loudspeakers. */
    Area setQuietHours(CurrentUser user, long id, AreaController.QuietHoursRequest request) {
        user.require(Role.ADMIN, Role.EDITOR);
        visible(user, id);
        if ((request.from() == null) != (request.to() == null)) {
            throw ApiException.badRequest("MISSING_FIELD", "give both from and to (or neither, to follow the parent area)");
        }
        AreaRepository areas = jdbi.onDemand(AreaRepository.class);
        areas.quietHours(id, request.from(), request.to());
        Area area = get(id);
        // Every area below follows, or has its own hours, which then still hold: re-planning those too changes nothing.
        quietHoursChanged.publishEvent(new QuietHoursChanged(id, Set.copyOf(areas.subtreeIds(area.path()))));
        return area;
    }

    /** The quiet hours in force in an area: its own, else the nearest ancestor's, else the server's default. */
    public QuietHours quietHoursOf(long areaId) {
        Area area = get(areaId);
        Map<Long, Area> line = jdbi.onDemand(AreaRepository.class).byIds(area.selfAndAncestors()).stream()
                .collect(Collectors.toMap(Area::id, Function.identity()));
        return area.selfAndAncestors().stream().map(line::get)
                .filter(a -> a != null && a.quietFrom() != null && a.quietTo() != null)
                .map(a -> new QuietHours(a.quietFrom(), a.quietTo()))
                .findFirst().orElse(defaultQuietHours);
    }

    Area create(CurrentUser user, AreaController.NewArea request) {
        user.require(Role.ADMIN);
        AreaKind kind = request.kind();
        if (request.name() == null || request.name().isBlank() || request.code() == null || request.code().isBlank() || kind == null) {
            throw ApiException.badRequest("MISSING_FIELD", "name, code and kind are required");
        }
        Area parent = request.parentId() == null ? null : get(request.parentId());
        checkParent(kind, parent);
        if (parent == null ? user.areaId() != null : !inScope(user, parent)) {
            throw ApiException.forbidden("you may only add areas inside your own area");
        }
        return jdbi.inTransaction(handle -> {
            AreaRepository areas = handle.attach(AreaRepository.class);
            if (areas.countByCode(request.code().trim()) > 0) {
                throw ApiException.conflict("DUPLICATE_CODE", "an area with code " + request.code() + " already exists");
            }
            long id = areas.insert(request.name().trim(), request.code().trim(), kind, request.parentId(), clock.instant());
            areas.setPath(id, (parent == null ? "/" : parent.path()) + id + "/");
            String unitName = Letterheads.field("unitName", request.unitName(), 200);
            if (unitName != null) {
                areas.setLetterhead(id, new Letterheads.Stored(unitName, null, null, null, null, null));
            }
            return areas.find(id).orElseThrow();
        });
    }

    /** The area if it exists and the user may see it; 404 or 403 otherwise. */
    public Area visible(CurrentUser user, long id) {
        Area area = get(id);
        if (!inScope(user, area)) {
            throw ApiException.forbidden("area " + id + " is outside your area");
        }
        return area;
    }

    public List<Area> visibleTree(CurrentUser user) {
        String path = user.areaId() == null ? "/" : get(user.areaId()).path();
        return jdbi.onDemand(AreaRepository.class).subtree(path);
    }

    /**
     * The commune (xã/phường) each of these areas lies in: the area itself or its nearest COMMUNE ancestor; an
     * area above the communes (a province) stands for itself. What reports group devices by.
     */
    public Map<Long, Area> communesOf(Collection<Long> areaIds) {
        if (areaIds.isEmpty()) {
            return Map.of();
        }
        AreaRepository repo = jdbi.onDemand(AreaRepository.class);
        List<Area> own = repo.byIds(areaIds);
        Map<Long, Area> lines = repo.byIds(own.stream().flatMap(a -> a.selfAndAncestors().stream()).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(Area::id, Function.identity()));
        return own.stream().collect(Collectors.toMap(Area::id, area -> area.selfAndAncestors().stream().map(lines::get)
                .filter(a -> a != null && a.kind() == AreaKind.COMMUNE).findFirst().orElse(area)));
    }

    /** Ids of the area and everything below it. */
    public List<Long> subtreeIds(long areaId) {
        return jdbi.onDemand(AreaRepository.class).subtree(get(areaId).path()).stream().map(Area::id).toList();
    }

    /**
     * Shared things (media) belong to an area: the province's media serve its communes, a commune's
     * media serve its villages. Null: the whole country.
     */
    public boolean shares(CurrentUser user, Long ownerAreaId) {
        return sharedWith(user).test(ownerAreaId);
    }

    /**
     * The same test for a whole list: the user's area is read once, each owner area once (not the user's whole
     * subtree, which for a province is thousands of areas, as {@link #sharingAreaIds} must for SQL).
     */
    public Predicate<Long> sharedWith(CurrentUser user) {
        if (user.areaId() == null) {
            return owner -> true;
        }
        Area own = get(user.areaId());
        Map<Long, Area> owners = new HashMap<>();
        return ownerAreaId -> {
            if (ownerAreaId == null) {
                return true;
            }
            Area owner = owners.computeIfAbsent(ownerAreaId, this::get);
            return owner.contains(own) || own.contains(owner);
        };
    }

    /**
     * {@link #sharingAreaIds} as a SQL condition on a table's {@code area_id}: bind {@code everyone} (the ids are
     * null) and the list {@code owners} (empty list as NULL).
     */
    public static final String SHARED_WITH_SQL = "(:everyone OR area_id IS NULL OR area_id IN (<owners>))";

    /**
     * The rule of {@link #shares} as ids, for SQL ({@code area_id IS NULL OR area_id IN (...)}): the user's area, its
     * ancestors and everything below it; null for a user of the whole country, who sees everything.
     */
    public Set<Long> sharingAreaIds(CurrentUser user) {
        if (user.areaId() == null) {
            return null;
        }
        Area own = get(user.areaId());
        Set<Long> ids = new HashSet<>(own.selfAndAncestors());
        ids.addAll(jdbi.onDemand(AreaRepository.class).subtreeIds(own.path()));
        return ids;
    }

    @Override
    public boolean inScope(CurrentUser user, long areaId) {
        return inScope(user, get(areaId));
    }

    private boolean inScope(CurrentUser user, Area area) {
        return user.areaId() == null || get(user.areaId()).contains(area);
    }

    private Area get(long id) {
        return jdbi.onDemand(AreaRepository.class).find(id).orElseThrow(() -> ApiException.notFound("area", id));
    }

    private static void checkParent(AreaKind kind, Area parent) {
        AreaKind required = kind.requiredParent();
        AreaKind actual = parent == null ? null : parent.kind();
        if (required != actual) {
            throw ApiException.badRequest("BAD_PARENT", required == null
                    ? "a PROVINCE has no parent"
                    : "a " + kind + " must have a " + required + " as parent");
        }
    }
}
