package communecast.agent.cache;

import communecast.agent.Backoff;
import communecast.agent.orders.Order;
import communecast.agent.player.MediaNotReadyException;
import communecast.agent.player.MediaSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media files by their SHA-256, in one directory. A file gets its final name only after its hash was
 * verified, so a file named by a hash holds that hash's content and is never fetched again.
 */
public final class MediaCache implements MediaSource {

    private static final Logger LOG = LoggerFactory.getLogger(MediaCache.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;
    private final MediaDownloader downloader;
    private final Clock clock;
    private final Executor downloads;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Backoff> backoffs;
    private final Map<String, Download> inFlight = new HashMap<>();

    public MediaCache(Path dir, MediaDownloader downloader, Clock clock, Executor downloads,
            ScheduledExecutorService scheduler, Supplier<Backoff> backoffs) {
        this.dir = createDirectories(dir);
        this.downloader = downloader;
        this.clock = clock;
        this.downloads = downloads;
        this.scheduler = scheduler;
        this.backoffs = backoffs;
        deletePartialDownloads();
    }

    /** Starts fetching the order's media now, so it is on disk long before air time. */
    public void prefetch(Order order) {
        try {
            fetch(order);
        } catch (IllegalArgumentException e) {
            LOG.warn("order {}: {}", order.orderId(), e.getMessage());
        }
    }

    @Override
    public Path await(Order order, Instant deadline) throws MediaNotReadyException, InterruptedException {
        CompletableFuture<Path> file;
        try {
            file = fetch(order);
        } catch (IllegalArgumentException e) {
            throw new MediaNotReadyException(e.getMessage());
        }
        long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            return file.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new MediaNotReadyException(lastError(order.mediaSha256()).orElse("still downloading"));
        } catch (ExecutionException e) {
            throw new MediaNotReadyException(e.getCause().getMessage());
        }
    }

    private synchronized CompletableFuture<Path> fetch(Order order) {
        String sha = order.mediaSha256();
        if (sha == null || !SHA256.matcher(sha).matches()) {
            throw new IllegalArgumentException("order names no valid media SHA-256");
        }
        Path target = dir.resolve(sha);
        Instant deadline = order.startAt().toInstant();
        if (Files.exists(target)) {
            return CompletableFuture.completedFuture(target);
        }
        Download running = inFlight.get(sha);
        if (running != null) {
            running.extendDeadline(deadline);
            return running.result;
        }
        Download download = new Download(sha, order.mediaUrl(), target, deadline);
        inFlight.put(sha, download);
        downloads.execute(download::attempt);
        return download.result;
    }

    private synchronized Optional<String> lastError(String sha) {
        return Optional.ofNullable(inFlight.get(sha)).map(d -> d.lastError);
    }

    private synchronized void forget(Download download) {
        inFlight.remove(download.sha, download);
    }

    /** One media file being fetched, retried with backoff until the latest start that needs it. */
    private final class Download {
        private final String sha;
        private final String url;
        private final Path target;
        private final Backoff backoff = backoffs.get();
        private final CompletableFuture<Path> result = new CompletableFuture<>();
        private volatile Instant deadline;
        private volatile String lastError;

        Download(String sha, String url, Path target, Instant deadline) {
            this.sha = sha;
            this.url = url;
            this.target = target;
            this.deadline = deadline;
        }

        synchronized void extendDeadline(Instant other) {
            if (other.isAfter(deadline)) {
                deadline = other;
            }
        }

        void attempt() {
            try {
                downloader.download(url, sha, target);
                LOG.info("cached media {}", sha);
                forget(this);
                result.complete(target);
            } catch (IOException e) {
                lastError = e.getMessage();
                retryOrGiveUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                giveUp();
            }
        }

        private void retryOrGiveUp() {
            Duration delay = backoff.nextDelay();
            if (clock.instant().plus(delay).isAfter(deadline)) {
                giveUp();
                return;
            }
            LOG.warn("media {}: {}; retrying in {} ms", sha, lastError, delay.toMillis());
            scheduler.schedule(() -> downloads.execute(this::attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void giveUp() {
            LOG.warn("media {}: {}; giving up, its air time has come", sha, lastError);
            forget(this);
            result.completeExceptionally(new IOException(lastError));
        }
    }

    private void deletePartialDownloads() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(MediaDownloader::isPartial).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
