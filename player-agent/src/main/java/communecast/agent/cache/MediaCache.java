package communecast.agent.cache;

import communecast.agent.Backoff;
import communecast.agent.db.AgentDatabase;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media files by their SHA-256, in one directory. A file gets its final name only after its hash was
 * verified; before a play it is checked again ({@link CacheCheck}), and a damaged one is deleted and
 * fetched again, never played. A size limit evicts the least recently used files ({@link CacheEviction}).
 */
public final class MediaCache implements MediaSource {

    private static final Logger LOG = LoggerFactory.getLogger(MediaCache.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final long MB = 1024 * 1024;

    /**
     * @param maxBytes           the size limit; files needed by held orders may go over it
     * @param hashBeforePlayUpTo files up to this size are hashed again right before each play, bigger ones
     *                           minutes ahead of it ({@link #checkAhead})
     */
    public record Settings(long maxBytes, long hashBeforePlayUpTo) {
        /** 32 MB takes well under a second to hash on a village PC, and holds any audio bulletin. */
        public static Settings limitMb(long maxMb) {
            return new Settings(maxMb * MB, 32 * MB);
        }
    }

    private final Path dir;
    private final MediaDownloader downloader;
    private final Clock clock;
    private final Executor downloads;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Backoff> backoffs;
    private final Supplier<Set<String>> neededMedia;
    private final CacheIndex index;
    private final CacheCheck check;
    private final CacheEviction eviction;
    private final Map<String, Download> inFlight = new HashMap<>();

    /**
     * {@code database} keeps the index of the files; {@code neededMedia}: the SHA-256 of the media of every
     * held order, which eviction must spare.
     */
    public MediaCache(Path dir, AgentDatabase database, MediaDownloader downloader, Clock clock,
            Executor downloads, ScheduledExecutorService scheduler, Supplier<Backoff> backoffs, Settings settings,
            Supplier<Set<String>> neededMedia) {
        this.dir = createDirectories(dir);
        this.downloader = downloader;
        this.clock = clock;
        this.downloads = downloads;
        this.scheduler = scheduler;
        this.backoffs = backoffs;
        this.neededMedia = neededMedia;
        this.index = new CacheIndex(database);
        this.check = new CacheCheck(index, settings.hashBeforePlayUpTo(), clock);
        this.eviction = new CacheEviction(dir, index, settings.maxBytes());
        // Partial downloads stay: the next attempt resumes them. A limit lowered since the last run applies now.
        evict();
    }

    /** What the cache takes on disk now (for the heartbeat). */
    public long usedBytes() {
        return eviction.usedBytes();
    }

    /** Starts fetching the order's media now, so it is on disk long before air time. */
    public void prefetch(Order order) {
        try {
            fetch(order);
        } catch (IllegalArgumentException e) {
            LOG.warn("order {}: {}", order.orderId(), e.getMessage());
        }
    }

    /**
     * Hashes the order's cached file whole, off the play's path, so a long video need not be hashed right
     * before its air time; a damaged copy is fetched again while there is still time for it.
     */
    @Override
    public void checkAhead(Order order) {
        String sha = order.mediaSha256();
        if (!isSha256(sha)) {
            return; // Its prefetch said why already.
        }
        Path file = dir.resolve(sha);
        synchronized (this) {
            if (inFlight.containsKey(sha) || !Files.exists(file)) {
                return; // A download verifies what it fetches; an order without a file is prefetched.
            }
        }
        downloads.execute(() -> check.full(sha, file).ifPresent(damage -> refetch(order, damage)));
    }

    @Override
    public Path await(Order order, Instant deadline) throws MediaNotReadyException, InterruptedException {
        CompletableFuture<Path> pending;
        try {
            pending = fetch(order);
        } catch (IllegalArgumentException e) {
            throw new MediaNotReadyException(e.getMessage());
        }
        // A download that ends during this wait was just verified; a file that was there already is checked.
        boolean wasCached = pending.isDone();
        String sha = order.mediaSha256();
        Path file = waitFor(sha, pending, deadline);
        Optional<String> damage = wasCached ? check.beforePlay(sha, file) : Optional.empty();
        if (damage.isPresent()) {
            file = waitFor(sha, refetch(order, damage.get()), deadline);
        }
        index.used(sha, clock.instant());
        return file;
    }

    private Path waitFor(String sha, CompletableFuture<Path> file, Instant deadline)
            throws MediaNotReadyException, InterruptedException {
        long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            return file.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new MediaNotReadyException(progress(sha).orElse("still downloading"));
        } catch (ExecutionException e) {
            throw new MediaNotReadyException(e.getCause().getMessage());
        }
    }

    /** The cached file if it is intact; otherwise a download, started now or already running. */
    private synchronized CompletableFuture<Path> fetch(Order order) {
        String sha = order.mediaSha256();
        if (!isSha256(sha)) {
            throw new IllegalArgumentException("order names no valid media SHA-256");
        }
        Path target = dir.resolve(sha);
        if (!inFlight.containsKey(sha) && Files.exists(target)) {
            Optional<String> damage = check.quick(sha, target);
            if (damage.isEmpty()) {
                return CompletableFuture.completedFuture(target);
            }
            return refetch(order, damage.get());
        }
        return download(order, null);
    }

    /** The cached file was found damaged: it goes, and is fetched again (unless that began meanwhile). */
    private synchronized CompletableFuture<Path> refetch(Order order, String damage) {
        String sha = order.mediaSha256();
        if (!inFlight.containsKey(sha)) {
            LOG.warn("cached media {} is damaged ({}): deleting it, fetching it again", sha, damage);
            delete(sha);
        }
        return download(order, damage);
    }

    private CompletableFuture<Path> download(Order order, String damage) {
        String sha = order.mediaSha256();
        Instant deadline = order.fetchDeadline();
        Download running = inFlight.get(sha);
        if (running != null) {
            running.extendDeadline(deadline);
            return running.result;
        }
        Download download = new Download(sha, order.mediaUrl(), dir.resolve(sha), deadline, damage);
        inFlight.put(sha, download);
        downloads.execute(download::attempt);
        return download.result;
    }

    /** If the file cannot go, the download still can: its final move replaces the file. */
    private void delete(String sha) {
        try {
            Files.deleteIfExists(dir.resolve(sha));
        } catch (IOException e) {
            LOG.warn("cannot delete damaged media {}: {}", sha, e.getMessage());
        }
        index.remove(sha);
    }

    private synchronized Optional<String> progress(String sha) {
        return Optional.ofNullable(inFlight.get(sha)).map(Download::reason);
    }

    private synchronized void forget(Download download) {
        inFlight.remove(download.sha, download);
    }

    /** Least recently used first, sparing what held orders need and what is being fetched. */
    private synchronized void evict() {
        Set<String> keep = new HashSet<>(neededMedia.get());
        keep.addAll(inFlight.keySet());
        try {
            eviction.fit(keep);
        } catch (UncheckedIOException e) {
            LOG.warn("cannot evict from the media cache: {}", e.getMessage());
        }
    }

    /** One media file being fetched, retried with backoff until the latest start that needs it. */
    private final class Download {
        private final String sha;
        private final String url;
        private final Path target;
        private final String damage;
        private final Backoff backoff = backoffs.get();
        private final CompletableFuture<Path> result = new CompletableFuture<>();
        private volatile Instant deadline;
        private volatile String lastError;

        /** {@code damage}: what was wrong with the cached copy this download replaces, or null. */
        Download(String sha, String url, Path target, Instant deadline, String damage) {
            this.sha = sha;
            this.url = url;
            this.target = target;
            this.deadline = deadline;
            this.damage = damage;
        }

        synchronized void extendDeadline(Instant other) {
            if (other.isAfter(deadline)) {
                deadline = other;
            }
        }

        /** Why the file is not ready yet, short enough for a report. */
        String reason() {
            String why = lastError != null ? lastError : "still downloading";
            return damage == null ? why : "cached copy damaged (" + damage + "); " + why;
        }

        void attempt() {
            long partBefore = partSize();
            try {
                downloader.download(url, sha, target);
                long size = Files.size(target);
                Instant modified = Files.getLastModifiedTime(target).toInstant();
                index.put(sha, new CacheIndex.Entry(size, modified, clock.instant()));
                check.verified(sha, size, modified);
                LOG.info("cached media {}", sha);
                evict(); // Still in flight, so spared; and done before anyone gets the file.
                forget(this);
                result.complete(target);
            } catch (IOException | UncheckedIOException e) {
                lastError = e.getMessage();
                if (partSize() > partBefore) {
                    // It got somewhere: on a link that breaks every few minutes, waste no good minute waiting.
                    backoff.reset();
                }
                retryOrGiveUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                giveUp();
            }
        }

        private long partSize() {
            try {
                Path part = MediaDownloader.partOf(target);
                return Files.exists(part) ? Files.size(part) : 0;
            } catch (IOException e) {
                return 0;
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
            LOG.warn("media {}: {}; giving up, too late to play", sha, lastError);
            forget(this);
            result.completeExceptionally(new IOException(reason()));
        }
    }

    private static boolean isSha256(String sha) {
        return sha != null && SHA256.matcher(sha).matches();
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
