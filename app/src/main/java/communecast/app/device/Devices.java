package communecast.app.device;

import communecast.app.area.Area;
import communecast.app.area.Areas;
import communecast.app.cluster.Cluster;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import communecast.media.video.ScreenSize;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpStatus;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The device registry: registration, enrollment and token checks. */
@Singleton
public class Devices {
    private final Jdbi jdbi;
    private final Areas areas;
    private final ApplicationEventPublisher<DeviceRevoked> revoked;
    private final ApplicationEventPublisher<DeviceRegistered> registered;
    private final ApplicationEventPublisher<DeviceRetired> retired;
    private final Clock clock;
    private final KnownTokens knownTokens;
    private final Cluster cluster;
    /** How long a device's enrollment code works after it was issued. */
    private final Duration codeValidFor;

    Devices(Jdbi jdbi, Areas areas, ApplicationEventPublisher<DeviceRevoked> revoked,
            ApplicationEventPublisher<DeviceRegistered> registered, ApplicationEventPublisher<DeviceRetired> retired,
            Clock clock, KnownTokens knownTokens, Cluster cluster,
            @Value("${communecast.enrollment.code-valid-for:7d}") Duration codeValidFor) {
        this.codeValidFor = codeValidFor;
        this.jdbi = jdbi;
        this.areas = areas;
        this.revoked = revoked;
        this.registered = registered;
        this.retired = retired;
        this.clock = clock;
        this.knownTokens = knownTokens;
        this.cluster = cluster;
        cluster.onNews(DeviceRevoked.NEWS, revokedId -> knownTokens.forget(Long.parseLong(revokedId)));
        // News missed while the broker was away: every token is checked against the database again.
        cluster.onReconnect(knownTokens::forgetAll);
    }

    /** Links do not survive a server restart; this node's devices are offline until they reconnect. */
    @EventListener
    void serverStarted(ServerStartupEvent event) {
        repo().offlineAtStart(cluster.alone(), cluster.node());
    }

    /** On every node: its cached token forgotten, its link closed wherever it is. */
    private void revoked(long id) {
        revoked.publishEvent(new DeviceRevoked(id));
        cluster.announce(DeviceRevoked.NEWS, Long.toString(id));
    }

    public RegisteredDevice register(CurrentUser user, NewDevice request) {
        user.require(Role.ADMIN, Role.EDITOR);
        validate(request);
        areas.visible(user, request.areaId());
        String code = Secrets.enrollmentCode();
        long id = repo().insert(request.name().trim(), request.areaId(), request.kind(),
                request.screenWidth(), request.screenHeight(), Secrets.codeHash(code), clock.instant());
        Device device = repo().find(id).orElseThrow();
        registered.publishEvent(new DeviceRegistered(device));
        return new RegisteredDevice(device, code, clock.instant().plus(codeValidFor));
    }

    /** Every LED panel size in use (by devices not retired). */
    public List<LedScreen> ledScreens() {
        return repo().ledScreens();
    }

    RegisteredDevice reissueCode(CurrentUser user, long id) {
        user.require(Role.ADMIN, Role.EDITOR);
        Device device = visible(user, id);
        if (device.retiredAt() != null) {
            throw alreadyRetired(device);
        }
        String code = Secrets.enrollmentCode();
        // Forgotten before (a check under way then does not remember it) and after (nor one between).
        knownTokens.forget(id);
        jdbi.useTransaction(handle -> {
            DeviceRepository devices = handle.attach(DeviceRepository.class);
            // Its link is closed next, as no longer its own: the device's history says why it went offline.
            if (devices.markOffline(id) == 1) {
                devices.event(id, "OFFLINE", "enrollment code reissued: the old token is refused", clock.instant());
            }
            devices.reissue(id, Secrets.codeHash(code), clock.instant());
        });
        knownTokens.forget(id);
        revoked(id);
        return new RegisteredDevice(repo().find(device.id()).orElseThrow(), code, clock.instant().plus(codeValidFor));
    }

    /**
     * Ngừng sử dụng: the device stays for the logs and reports that name it, but its token stops working (its
     * link is closed), its plays still ahead are withdrawn, campaigns plan no more for it and its screen size,
     * if no other screen has it, gets no more renditions.
     */
    public Device retire(CurrentUser user, long id) {
        user.require(Role.ADMIN, Role.EDITOR);
        Device device = visible(user, id);
        if (device.retiredAt() != null) {
            throw alreadyRetired(device);
        }
        knownTokens.forget(id);
        jdbi.useTransaction(handle -> {
            DeviceRepository devices = handle.attach(DeviceRepository.class);
            if (devices.retire(id, user.id(), clock.instant()) != 1) {
                throw alreadyRetired(device);
            }
            if (devices.markOffline(id) == 1) {
                devices.event(id, "OFFLINE", "retired by " + user.username() + ": the token is refused", clock.instant());
            }
        });
        knownTokens.forget(id);
        // Withdrawn while the link is still open, so the agent drops what it holds; then the link is closed.
        retired.publishEvent(new DeviceRetired(id));
        revoked(id);
        return repo().find(id).orElseThrow();
    }

    private static ApiException alreadyRetired(Device device) {
        return ApiException.conflict("DEVICE_RETIRED", "device " + device.id() + " was retired"
                + (device.retiredAt() == null ? "" : " at " + device.retiredAt()));
    }

    public Device visible(CurrentUser user, long id) {
        Device device = find(id).orElseThrow(() -> ApiException.notFound("device", id));
        if (!areas.inScope(user, device.areaId())) {
            throw ApiException.forbidden("device " + id + " is outside your area");
        }
        return device;
    }

    public List<Device> visibleIn(CurrentUser user, Long areaId) {
        if (areaId != null) {
            areas.visible(user, areaId);
            return inAreaIds(areas.subtreeIds(areaId));
        }
        return inAreaIds(areas.visibleTree(user).stream().map(Area::id).toList());
    }

    /**
     * What the device list shows: the devices in use inside the user's area (or {@code areaId} and below it),
     * or with {@code retired} the retired ones.
     */
    public List<Device> listed(CurrentUser user, Long areaId, boolean retired) {
        return visibleIn(user, areaId).stream().filter(d -> (d.retiredAt() != null) == retired).toList();
    }

    /** Every device in an area and below it, retired ones too (their logs still count there). */
    public List<Device> inArea(long areaId) {
        return inAreaIds(areas.subtreeIds(areaId));
    }

    /** Ids of every device inside the user's area. */
    public List<Long> visibleIds(CurrentUser user) {
        return visibleIn(user, null).stream().map(Device::id).toList();
    }

    /** Whether a device id lies inside the user's area; the area's devices are read once. */
    public Predicate<Long> visibleTo(CurrentUser user) {
        if (user.areaId() == null) {
            return deviceId -> true;
        }
        Set<Long> ids = new HashSet<>(visibleIds(user));
        return ids::contains;
    }

    /** Every device in these areas and below them, plus these devices: a campaign's targets. Retired ones take no part. */
    public List<Device> resolveTargets(Collection<Long> areaIds, Collection<Long> deviceIds) {
        Set<Long> ids = new TreeSet<>(deviceIds);
        for (long areaId : areaIds) {
            inAreaIds(areas.subtreeIds(areaId)).forEach(d -> ids.add(d.id()));
        }
        return byIds(ids).stream().filter(d -> d.retiredAt() == null).toList();
    }

    /** Those of these devices whose token no longer holds (a new code issued, or retired). */
    public Set<Long> revokedAmong(Collection<Long> ids) {
        return ids.isEmpty() ? Set.of() : repo().revokedAmong(ids);
    }

    /** Those of these devices linked now, to whichever node. */
    public Set<Long> onlineAmong(Collection<Long> ids) {
        return ids.isEmpty() ? Set.of() : repo().onlineAmong(ids);
    }

    public List<Device> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : repo().byIds(ids);
    }

    public Optional<Device> find(long id) {
        return repo().find(id);
    }

    /** Spends a one-time code and returns the new device's id with its token. */
    Enrollment enroll(String code, String agentVersion) {
        if (code == null || code.isBlank()) {
            throw ApiException.badRequest("MISSING_FIELD", "code is required");
        }
        String token = Secrets.deviceToken();
        String tokenHash = Secrets.tokenHash(token);
        String codeHash = Secrets.codeHash(code);
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            DeviceRepository devices = handle.attach(DeviceRepository.class);
            if (devices.enroll(codeHash, tokenHash, now.minus(codeValidFor), now) != 1) {
                Optional<Instant> issued = devices.codeIssuedAt(codeHash);
                if (issued.isPresent()) {
                    throw new ApiException(HttpStatus.UNAUTHORIZED, "ENROLLMENT_CODE_EXPIRED", "this enrollment code was issued at "
                            + issued.get() + " and expired after " + inWords(codeValidFor) + "; issue a new one for the device");
                }
                throw new ApiException(HttpStatus.UNAUTHORIZED, "ENROLLMENT_CODE_INVALID",
                        "this enrollment code is unknown or was already used; issue a new one for the device");
            }
            long deviceId = devices.idOfToken(tokenHash);
            if (agentVersion != null) {
                devices.agentVersion(deviceId, agentVersion);
            }
            return new Enrollment(1, deviceId, token);
        });
    }

    private static String inWords(Duration d) {
        return d.toHours() % 24 == 0 && d.toDays() > 0 ? d.toDays() + " days" : d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    /** The device a token belongs to, if any. */
    public Optional<Long> authenticate(String token) {
        return knownTokens.deviceOf(Secrets.tokenHash(token), hash -> repo().idByTokenHash(hash)
                .or(() -> adoptLegacyToken(token, hash)));
    }

    // A token issued before V17: its first use proves it, and from then on only its exact form matches. One
    // statement, so no lock is held for the many unknown tokens a stale agent may send.
    private Optional<Long> adoptLegacyToken(String token, String exactHash) {
        if (!Secrets.looksLikeToken(token) || repo().adoptExactToken(Secrets.legacyTokenHash(token), exactHash) != 1) {
            return Optional.empty();
        }
        return repo().idByTokenHash(exactHash);
    }

    /** Devices online but not heard of since {@code before}. */
    public List<Long> silentSince(Instant before) {
        return repo().silentSince(before);
    }

    List<DeviceEvent> events(CurrentUser user, long deviceId) {
        visible(user, deviceId);
        return repo().events(deviceId, 500);
    }

    /** The devices of exactly these areas (a visible tree already holds the areas below). */
    public List<Device> inAreaIds(List<Long> areaIds) {
        return areaIds.isEmpty() ? List.of() : repo().inAreas(areaIds);
    }

    private DeviceRepository repo() {
        return jdbi.onDemand(DeviceRepository.class);
    }

    private static void validate(NewDevice request) {
        if (request.name() == null || request.name().isBlank() || request.areaId() == null || request.kind() == null) {
            throw ApiException.badRequest("MISSING_FIELD", "name, areaId and kind are required");
        }
        boolean sized = request.screenWidth() != null && request.screenHeight() != null;
        if (request.kind() == DeviceKind.LED && !sized) {
            throw ApiException.badRequest("MISSING_FIELD", "an LED device needs screenWidth and screenHeight");
        }
        if (request.kind() == DeviceKind.RADIO && (request.screenWidth() != null || request.screenHeight() != null)) {
            throw ApiException.badRequest("BAD_SCREEN_SIZE", "a RADIO device has no screen");
        }
        if (sized) {
            // Only sizes the encoder can make: one screen it cannot must not get a device that never plays.
            ScreenSize.problem(request.screenWidth(), request.screenHeight()).ifPresent(problem -> {
                throw ApiException.badRequest("BAD_SCREEN_SIZE", problem);
            });
        }
    }
}
