package communecast.app.media;

import communecast.app.cluster.Cluster;
import communecast.app.device.Devices;
import communecast.app.device.LedScreen;
import communecast.media.MediaInfo;
import communecast.media.MediaKind;
import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import communecast.media.ProgressListener;
import communecast.media.audio.AudioRenderer;
import communecast.media.audio.AudioRendition;
import communecast.media.audio.Waveform;
import communecast.media.video.PosterFrame;
import communecast.media.video.ScreenSize;
import communecast.media.video.VideoRenderer;
import communecast.media.video.VideoRendition;
import communecast.media.video.VideoRenditionSpec;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * From an upload to what devices play: probe, the loudness-normalised audio, a video per LED screen size
 * in use, a poster or waveform for the UI. A bounded pool: the API stays responsive on 2 cores.
 */
@Singleton
public class MediaProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MediaProcessor.class);
    static final int POSTER_WIDTH = 480;
    static final int WAVEFORM_WIDTH = 800;
    static final int WAVEFORM_HEIGHT = 120;
    /** For staff when the server, not the file, failed; the log has the detail under the medium's id. */
    static final String NOT_PROCESSED = "the server could not process this file (not a fault found in the file):"
            + " upload it again, and if it fails again ask the administrator, whose server log has the detail";

    private final Jdbi jdbi;
    private final MediaStore store;
    private final Devices devices;
    private final MediaSettings settings;
    private final ApplicationEventPublisher<RenditionReady> renditionReady;
    private final Clock clock;
    private final String node;
    private final MediaProbe probe;
    private final Map<Long, Integer> lastPercent = new ConcurrentHashMap<>();
    private final ExecutorService pool;

    MediaProcessor(Jdbi jdbi, MediaStore store, Devices devices, MediaSettings settings,
                   ApplicationEventPublisher<RenditionReady> renditionReady, Clock clock, Cluster cluster) {
        this.jdbi = jdbi;
        this.node = cluster.node();
        this.store = store;
        this.devices = devices;
        this.settings = settings;
        this.renditionReady = renditionReady;
        this.clock = clock;
        this.probe = new MediaProbe(settings.maxDuration());
        this.pool = Executors.newFixedThreadPool(settings.workers(), Thread.ofPlatform().name("media-", 0).daemon().factory());
    }

    void submit(long mediaId) {
        pool.submit(() -> process(mediaId));
    }

    /** A screen size appeared: every picture in use gets a rendition for it, kept from then on. */
    void submitScreen(LedScreen screen) {
        pool.submit(() -> media().readyVisual().forEach(item -> {
            try {
                videoRendition(item, screen, ProgressListener.NONE);
            } catch (MediaRejectedException | IOException | RuntimeException e) {
                LOG.error("Media {}: no rendition for {}x{}", item.id(), screen.width(), screen.height(), e);
            }
        }));
    }

    void submitScreensInUse() {
        devices.ledScreens().forEach(this::submitScreen);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    private void process(long mediaId) {
        MediaItem item = media().find(mediaId).orElse(null);
        if (item == null) {
            return;
        }
        try {
            MediaInfo info = probe.probe(store.path(item.sha256()));
            // A picture airs as a still for the time staff chose: that is its length in plans and reports.
            long airsMs = info.kind() == MediaKind.IMAGE ? item.stillSeconds() * 1000L : info.durationMs();
            media().probed(mediaId, info.kind(), airsMs, info.container(), dimension(info.width()),
                    dimension(info.height()), info.audioCodec() != null);
            MediaItem probed = media().find(mediaId).orElseThrow();
            List<Job> jobs = jobs(probed);
            for (int i = 0; i < jobs.size(); i++) {
                int done = i;
                jobs.get(i).run(fraction -> progress(mediaId, (done + fraction) / jobs.size()));
            }
            media().ready(mediaId);
            lastPercent.remove(mediaId);
            LOG.info("Media {} ready: {} {} ms, {} jobs", mediaId, info.kind(), airsMs, jobs.size());
        } catch (MediaRejectedException e) {
            if (e.getCause() != null) {
                LOG.info("Media {}: {}", mediaId, e.getMessage(), e.getCause());
            }
            reject(item, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // The exception names classes and server paths: the log has it, staff get words.
            LOG.error("Media {} failed to process", mediaId, e);
            reject(item, NOT_PROCESSED);
        }
    }

    private List<Job> jobs(MediaItem item) {
        List<Job> jobs = new ArrayList<>();
        if (item.hasAudio()) {
            jobs.add(progress -> audioRendition(item, progress));
        }
        if (item.kind() == MediaKind.AUDIO) {
            jobs.add(progress -> waveform(item));
        }
        if (item.visual()) {
            jobs.add(progress -> poster(item));
            for (LedScreen screen : devices.ledScreens()) {
                jobs.add(progress -> videoRendition(item, screen, progress));
            }
        }
        return jobs;
    }

    private void audioRendition(MediaItem item, ProgressListener progress) throws MediaRejectedException, IOException {
        if (!renditions().claim(item.id(), RenditionKind.AUDIO, 0, 0, clock.instant(), node)) {
            return;
        }
        Rendition claimed = renditions().find(item.id(), RenditionKind.AUDIO, 0, 0).orElseThrow();
        Path out = store.incomingFile(".mp3");
        try {
            AudioRendition made = new AudioRenderer(probe).render(store.path(item.sha256()), out, settings.audio(), progress);
            media().loudness(item.id(), made.before().integratedLufs(), made.before().truePeakDbtp(),
                    made.after().integratedLufs(), made.after().truePeakDbtp());
            keep(claimed, out, made.durationMs());
        } catch (MediaRejectedException e) {
            renditions().rejected(claimed.id(), e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            // Loudspeakers have nothing else to play: the medium fails with it, and the row must not stay PROCESSING.
            renditions().failed(claimed.id(), NOT_PROCESSED);
            throw e;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * The video for one screen size. A fault of the upload itself rejects the medium; anything else fails this
     * size alone (FAILED, with the reason): the other sizes and the loudspeakers still get theirs.
     */
    private void videoRendition(MediaItem item, LedScreen screen, ProgressListener progress) throws MediaRejectedException, IOException {
        if (!renditions().claim(item.id(), RenditionKind.VIDEO, screen.width(), screen.height(), clock.instant(), node)) {
            return;
        }
        Rendition claimed = renditions().find(item.id(), RenditionKind.VIDEO, screen.width(), screen.height()).orElseThrow();
        // A size registered before the encoder's limits were checked (issue 21): nothing to try.
        Optional<String> refused = ScreenSize.problem(screen.width(), screen.height());
        if (refused.isPresent()) {
            renditions().failed(claimed.id(), refused.get());
            LOG.warn("Media {}: no rendition for {}x{}: {}", item.id(), screen.width(), screen.height(), refused.get());
            return;
        }
        Path out = store.incomingFile(".mp4");
        try {
            VideoRenditionSpec spec = VideoRenditionSpec.forScreen(new ScreenSize(screen.width(), screen.height()))
                    .withStillDuration(Duration.ofSeconds(item.stillSeconds()))
                    .withSoundOf(settings.audio());
            VideoRendition made = new VideoRenderer(probe).render(store.path(item.sha256()), out, spec, progress);
            if (made.soundAfter() != null) {
                LOG.info("Media {}: the {}x{} video's sound {} -> {}", item.id(), screen.width(), screen.height(),
                        made.soundBefore() == null ? "kept as it was" : made.soundBefore(), made.soundAfter());
            }
            keep(claimed, out, made.durationMs());
            renditionReady.publishEvent(new RenditionReady(item.id()));
        } catch (MediaRejectedException e) {
            renditions().rejected(claimed.id(), e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            LOG.error("Media {}: the {}x{} rendition failed", item.id(), screen.width(), screen.height(), e);
            renditions().failed(claimed.id(), "the video for " + screen.width() + "×" + screen.height()
                    + " screens could not be made on the server; the other sizes are not affected");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private void poster(MediaItem item) throws MediaRejectedException, IOException {
        media().poster(item.id(), picture(png -> PosterFrame.render(store.path(item.sha256()), png, POSTER_WIDTH, probe)));
    }

    private void waveform(MediaItem item) throws MediaRejectedException, IOException {
        media().waveform(item.id(), picture(png -> Waveform.render(store.path(item.sha256()), png, WAVEFORM_WIDTH, WAVEFORM_HEIGHT)));
    }

    /** Draws a PNG into the store; returns its sha256. */
    private String picture(PngWriter writer) throws MediaRejectedException, IOException {
        Path png = store.incomingFile(".png");
        try {
            writer.write(png);
            return store.keep(png);
        } finally {
            Files.deleteIfExists(png);
        }
    }

    private void keep(Rendition claimed, Path out, long durationMs) throws IOException {
        long size = Files.size(out);
        renditions().ready(claimed.id(), store.keep(out), size, durationMs);
    }

    /** Written when the whole percent changes: renderers report per frame. */
    private void progress(long mediaId, double fraction) {
        int percent = (int) Math.min(99, Math.floor(fraction * 100));
        if (lastPercent.put(mediaId, percent) != Integer.valueOf(percent)) {
            media().progress(mediaId, percent);
        }
    }

    private void reject(MediaItem item, String reason) {
        media().rejected(item.id(), reason);
        LOG.info("Media {} rejected: {}", item.id(), reason);
        if (media().usableWithSha(item.sha256()) == 0) {
            try {
                store.delete(item.sha256());
            } catch (IOException e) {
                LOG.warn("Could not delete rejected file {}: {}", item.sha256(), e.getMessage());
            }
        }
    }

    private static Integer dimension(int value) {
        return value > 0 ? value : null;
    }

    private MediaRepository media() {
        return jdbi.onDemand(MediaRepository.class);
    }

    private RenditionRepository renditions() {
        return jdbi.onDemand(RenditionRepository.class);
    }

    @FunctionalInterface
    private interface PngWriter {
        void write(Path png) throws MediaRejectedException;
    }

    /** One step of processing a file, told how far it is. */
    @FunctionalInterface
    private interface Job {
        void run(ProgressListener progress) throws MediaRejectedException, IOException;
    }
}
