package communecast.app.media;

import communecast.app.area.Areas;
import communecast.app.cluster.Cluster;
import communecast.app.device.Device;
import communecast.app.device.DeviceKind;
import communecast.app.device.DeviceRegistered;
import communecast.app.device.LedScreen;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import communecast.media.MediaKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The media library: uploads, what processing made of them, and which file each device plays. */
@Singleton
public class MediaLibrary implements ApplicationEventListener<ServerStartupEvent> {
    static final int LIST_SIZE = 500;
    static final int MAX_STILL_SECONDS = 3600;

    private final Jdbi jdbi;
    private final MediaStore store;
    private final MediaProcessor processor;
    private final Areas areas;
    private final Clock clock;
    private final Cluster cluster;

    MediaLibrary(Jdbi jdbi, MediaStore store, MediaProcessor processor, Areas areas, Clock clock, Cluster cluster) {
        this.jdbi = jdbi;
        this.cluster = cluster;
        this.store = store;
        this.processor = processor;
        this.areas = areas;
        this.clock = clock;
    }

    /**
     * Takes a file already received into {@link MediaStore#incomingFile()}; processing goes on in the background.
     * {@code spokenText}: what a bulletin made from text reads, or null for an upload.
     */
    MediaItem add(CurrentUser user, String title, Path received, long size, Integer stillSeconds, String spokenText) {
        String name = title(title);
        int still = stillSeconds == null ? 15 : stillSeconds;
        if (still < 1 || still > MAX_STILL_SECONDS) {
            throw ApiException.badRequest("BAD_STILL_SECONDS", "stillSeconds must be between 1 and " + MAX_STILL_SECONDS);
        }
        String sha256;
        try {
            sha256 = store.keep(received);
        } catch (IOException e) {
            throw new IllegalStateException("could not store the upload: " + e.getMessage(), e);
        }
        long id = media().insert(name, sha256, size, still, spokenText, user.areaId(), user.id(), clock.instant());
        processor.submit(id);
        return media().find(id).orElseThrow();
    }

    /** A medium's title, trimmed; every medium has one. */
    static String title(String title) {
        if (title == null || title.isBlank()) {
            throw ApiException.badRequest("MISSING_FIELD", "title is required");
        }
        return title.trim();
    }

    static final int MAX_RELAY_MINUTES = 12 * 60;

    /** A live stream to relay (tiếp sóng) for {@code minutes} from each air time its rules give. */
    MediaItem addStream(CurrentUser user, NewStream request) {
        user.require(Role.ADMIN, Role.EDITOR);
        if (request == null || request.title() == null || request.title().isBlank() || request.url() == null || request.minutes() == null) {
            throw ApiException.badRequest("MISSING_FIELD", "title, url and minutes are required");
        }
        URI url;
        try {
            url = new URI(request.url().trim());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("BAD_URL", "url is not a URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw ApiException.badRequest("BAD_URL", "a stream is relayed from an http:// or https:// URL (Icecast, HLS), not " + request.url());
        }
        if (request.minutes() < 1 || request.minutes() > MAX_RELAY_MINUTES) {
            throw ApiException.badRequest("BAD_DURATION", "minutes must be 1.." + MAX_RELAY_MINUTES);
        }
        String sha256 = sha256Of(url.toString());
        long id = media().insertStream(request.title().trim(), url.toString(), sha256, request.minutes() * 60_000L,
                user.areaId(), user.id(), clock.instant());
        return media().find(id).orElseThrow();
    }

    /** A stream's identity for the agent (orders name media by hash): the hash of its URL. */
    private static String sha256Of(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public MediaItem visible(CurrentUser user, long id) {
        MediaItem item = media().find(id).orElseThrow(() -> ApiException.notFound("media", id));
        if (!areas.shares(user, item.areaId())) {
            throw ApiException.forbidden("media " + id + " belongs to another area");
        }
        return item;
    }

    MediaDetails details(CurrentUser user, long id) {
        return MediaDetails.of(visible(user, id), renditions().ofMedia(id));
    }

    /** The newest {@value #LIST_SIZE} media the user sees. */
    public List<MediaItem> visibleList(CurrentUser user) {
        Set<Long> owners = areas.sharingAreaIds(user);
        return media().latestShared(owners == null, owners == null ? List.of() : owners, LIST_SIZE);
    }

    /**
     * Hidden from the library and from new campaigns; the row, the files and the renditions stay, for the
     * broadcast logs and reports that name them and for orders already out.
     */
    MediaItem delete(CurrentUser user, long id) {
        uploadedWithin(user, id);
        media().delete(id, user.id(), clock.instant());
        return media().find(id).orElseThrow();
    }

    /** On or off the unit's website (while an approved campaign airs it). */
    MediaItem showPublicly(CurrentUser user, long id, boolean shown) {
        uploadedWithin(user, id);
        media().shownPublicly(id, shown);
        return media().find(id).orElseThrow();
    }

    /** A medium an editor of its own area (or above) changes: a commune cannot delete or publish the province's. */
    private void uploadedWithin(CurrentUser user, long id) {
        user.require(Role.ADMIN, Role.EDITOR);
        MediaItem item = visible(user, id);
        if (item.areaId() == null ? user.areaId() != null : !areas.inScope(user, item.areaId())) {
            throw ApiException.forbidden("media " + id + " was uploaded by a wider area; only that area may change it");
        }
    }

    /** Of these media, those marked public, ready and not deleted: what the website may show. */
    public List<MediaItem> publicAmong(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : media().publicAmong(ids);
    }

    public Optional<MediaItem> find(long id) {
        return media().find(id);
    }

    public List<MediaItem> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : media().byIds(ids);
    }

    public List<Rendition> renditionsOf(Collection<Long> mediaIds) {
        return mediaIds.isEmpty() ? List.of() : renditions().ofMedia(mediaIds);
    }

    /** The file made for this device, if it is ready: agents get only that one. */
    public Optional<Rendition> renditionFor(MediaItem item, Device device, List<Rendition> renditions) {
        if (item.kind() == MediaKind.STREAM) {
            // Nothing is made from a live stream: the agent reads it at air time.
            return Optional.of(new Rendition(0, item.id(), RenditionKind.AUDIO, 0, 0, RenditionStatus.READY, item.sha256(), 0L,
                    item.durationMs(), null));
        }
        RenditionKind kind = item.visual() && device.kind() == DeviceKind.LED ? RenditionKind.VIDEO : RenditionKind.AUDIO;
        int width = kind == RenditionKind.VIDEO ? device.screenWidth() : 0;
        int height = kind == RenditionKind.VIDEO ? device.screenHeight() : 0;
        return renditions.stream()
                .filter(r -> r.mediaId() == item.id() && r.kind() == kind && r.screenWidth() == width && r.screenHeight() == height)
                .filter(Rendition::ready).findFirst();
    }

    public Path file(String sha256) {
        return store.path(sha256);
    }

    /**
     * A restart must not leave uploads or renditions stuck in PROCESSING, nor a screen size without its
     * renditions; a FAILED rendition is tried again too (what failed may have been passing).
     */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        // Another node's unfinished work is its own: remade only if it is this node's, or no other node runs.
        String node = cluster.node();
        renditions().forgetUnfinished(cluster.alone(), node);
        Set<Long> busyElsewhere = cluster.alone() ? Set.of() : renditions().processingElsewhere(node);
        media().processing().stream().filter(m -> !busyElsewhere.contains(m.id())).forEach(m -> processor.submit(m.id()));
        processor.submitScreensInUse();
    }

    @EventListener
    void deviceRegistered(DeviceRegistered event) {
        Device device = event.device();
        if (device.kind() == DeviceKind.LED) {
            processor.submitScreen(new LedScreen(device.screenWidth(), device.screenHeight()));
        }
    }

    private MediaRepository media() {
        return jdbi.onDemand(MediaRepository.class);
    }

    private RenditionRepository renditions() {
        return jdbi.onDemand(RenditionRepository.class);
    }
}
