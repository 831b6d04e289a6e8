package communecast.app.media;

import communecast.app.area.Areas;
import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import communecast.media.MediaInfo;
import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Uploaded media: kept by content, then probed with FFmpeg in a small background pool (2 cores must
 * still answer the API while a long file is checked).
 */
@Singleton
public class MediaLibrary implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(MediaLibrary.class);

    private final Jdbi jdbi;
    private final MediaStore store;
    private final Areas areas;
    private final Clock clock;
    private final MediaProbe probe = new MediaProbe();
    private final ExecutorService pool = Executors.newFixedThreadPool(1, Thread.ofPlatform().name("media-probe-", 0).daemon().factory());

    MediaLibrary(Jdbi jdbi, MediaStore store, Areas areas, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.areas = areas;
        this.clock = clock;
    }

    /** Takes a file already received into {@link MediaStore#incomingFile()}; probing goes on in the background. */
    MediaItem add(CurrentUser user, String title, Path received, long size) {
        if (title == null || title.isBlank()) {
            throw ApiException.badRequest("MISSING_FIELD", "title is required");
        }
        String sha256;
        try {
            sha256 = store.keep(received);
        } catch (IOException e) {
            throw new IllegalStateException("could not store the upload: " + e.getMessage(), e);
        }
        long id = repo().insert(title.trim(), sha256, size, user.areaId(), user.id(), clock.instant());
        pool.submit(() -> process(id, sha256));
        return repo().find(id).orElseThrow();
    }

    public MediaItem visible(CurrentUser user, long id) {
        MediaItem item = repo().find(id).orElseThrow(() -> ApiException.notFound("media", id));
        if (!areas.shares(user, item.areaId())) {
            throw ApiException.forbidden("media " + id + " belongs to another area");
        }
        return item;
    }

    List<MediaItem> visibleList(CurrentUser user) {
        return repo().latest().stream().filter(m -> areas.shares(user, m.areaId())).toList();
    }

    public Optional<MediaItem> find(long id) {
        return repo().find(id);
    }

    public List<MediaItem> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : repo().byIds(ids);
    }

    public Path file(MediaItem item) {
        return store.path(item.sha256());
    }

    /** A restart must not leave uploads stuck in PROCESSING. */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        repo().processing().forEach(m -> pool.submit(() -> process(m.id(), m.sha256())));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    private void process(long id, String sha256) {
        try {
            MediaInfo info = probe.probe(store.path(sha256));
            repo().ready(id, info.kind(), info.durationMs(), info.container());
            LOG.info("Media {} ready: {} {} ms", id, info.kind(), info.durationMs());
        } catch (MediaRejectedException e) {
            repo().rejected(id, e.getMessage());
            LOG.info("Media {} rejected: {}", id, e.getMessage());
            discardIfUnused(sha256);
        } catch (RuntimeException e) {
            repo().rejected(id, "could not be processed: " + e.getMessage());
            LOG.error("Media {} failed to process", id, e);
        }
    }

    private void discardIfUnused(String sha256) {
        if (repo().usableWithSha(sha256) == 0) {
            try {
                store.delete(sha256);
            } catch (IOException e) {
                LOG.warn("Could not delete rejected file {}: {}", sha256, e.getMessage());
            }
        }
    }

    private MediaRepository repo() {
        return jdbi.onDemand(MediaRepository.class);
    }
}
