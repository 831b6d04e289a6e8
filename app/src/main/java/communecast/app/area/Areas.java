package communecast.app.area;

import communecast.app.schedule.QuietHours;
import communecast.app.security.AreaScope;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
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
    public Area setQuietHours(CurrentUser user, long id, @Nullable LocalTime from, @Nullable LocalTime to) {
        user.require(Role.ADMIN, Role.EDITOR);
        visible(user, id);
        if ((from == null) != (to == null)) {
            throw ApiException.badRequest("MISSING_FIELD", "give both from and to (or neither, to follow the parent area)");
        }
        AreaRepository areas = jdbi.onDemand(AreaRepository.class);
        areas.quietHours(id, from, to);
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

    /** A new area under {@code parentId} (null: a province), inside the admin's own; {@code unitName}: who signs its reports. */
    public Area create(CurrentUser user, String name, String code, AreaKind kind, @Nullable Long parentId, @Nullable String unitName) {
        user.require(Role.ADMIN);
        if (name == null || name.isBlank() || code == null || code.isBlank() || kind == null) {
            throw ApiException.badRequest("MISSING_FIELD", "name, code and kind are required");
        }
        Area parent = parentId == null ? null : get(parentId);
        checkParent(kind, parent);
        if (parent == null ? user.areaId() != null : !inScope(user, parent)) {
            throw ApiException.forbidden("you may only add areas inside your own area");
        }
        return jdbi.inTransaction(handle -> {
            AreaRepository areas = handle.attach(AreaRepository.class);
            if (areas.countByCode(code.trim()) > 0) {
                throw ApiException.conflict("DUPLICATE_CODE", "an area with code " + code + " already exists");
            }
            long id = areas.insert(name.trim(), code.trim(), kind, parentId, clock.instant());
            areas.setPath(id, (parent == null ? "/" : parent.path()) + id + "/");
            String unit = Letterheads.field("unitName", unitName, 200);
            if (unit != null) {
                areas.setLetterhead(id, new Letterheads.Stored(unit, null, null, null, null, null));
            }
            return areas.find(id).orElseThrow();
        });
    }

    /**
     * Renames the area and, with another {@code parentId} of the kind it needs, moves it with everything below it
     * (their paths, so every scope and subtree follows at once); the quiet hours it inherits may change with it.
     * The admin's own area stays where it is: moving it would move the admin's scope.
     */
    public Area change(CurrentUser user, long id, String name, @Nullable Long parentId) {
        user.require(Role.ADMIN);
        Area area = visible(user, id);
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("MISSING_FIELD", "name is required");
        }
        if (name.strip().length() > 200) {
            throw ApiException.badRequest("TOO_LONG", "name may have at most 200 characters");
        }
        boolean moves = !Objects.equals(parentId, area.parentId());
        Area parent = parentId == null ? null : get(parentId);
        if (moves) {
            if (Objects.equals(user.areaId(), area.id())) {
                throw ApiException.forbidden("your own area is moved by an administrator above it");
            }
            checkParent(area.kind(), parent);
            if (!inScope(user, parent)) {
                throw ApiException.forbidden("you may only move areas inside your own area");
            }
        }
        jdbi.useTransaction(handle -> {
            AreaRepository areas = handle.attach(AreaRepository.class);
            areas.rename(id, name.strip());
            if (moves) {
                areas.move(id, parent.id(), area.path(), parent.path() + id + "/");
            }
        });
        Area changed = get(id);
        if (moves) {
            quietHoursChanged.publishEvent(new QuietHoursChanged(id, Set.copyOf(jdbi.onDemand(AreaRepository.class).subtreeIds(changed.path()))));
        }
        return changed;
    }

    /** The area if it exists and the user may see it; 404 or 403 otherwise. */
    public Area visible(CurrentUser user, long id) {
        Area area = get(id);
        if (!inScope(user, area)) {
            throw ApiException.forbidden("area " + id + " is outside your area");
        }
        return area;
    }

    /** The area and everything below it, parents first, if the user may see it; 404 or 403 otherwise. */
    public List<Area> visibleSubtree(CurrentUser user, long id) {
        return jdbi.onDemand(AreaRepository.class).subtree(visible(user, id).path());
    }

    /** Whether the user works in one commune (or a village of it), not over a province or the country. */
    public boolean inOneCommune(CurrentUser user) {
        return user.areaId() != null && get(user.areaId()).kind() != AreaKind.PROVINCE;
    }

    /** An area by its code, for anyone: the public website names areas by code. */
    public Optional<Area> byCode(String code) {
        return jdbi.onDemand(AreaRepository.class).findByCode(code);
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

    /** Each of these areas with its ancestors, nearest first, by area id: whether an area lies below another, for many at once. */
    public Map<Long, List<Long>> linesOf(Collection<Long> areaIds) {
        return areaIds.isEmpty() ? Map.of() : jdbi.onDemand(AreaRepository.class).byIds(areaIds).stream()
                .collect(Collectors.toMap(Area::id, Area::selfAndAncestors));
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
