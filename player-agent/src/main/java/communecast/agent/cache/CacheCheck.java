package communecast.agent.cache;

import communecast.media.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a cached file still holds the bytes whose SHA-256 was verified at download. A file of another size
 * is damaged. Nothing is played unhashed: before a play, a file of at most {@code hashUpTo} bytes is hashed
 * (a fraction of a second, and it covers every audio bulletin); a bigger one must have been hashed in the last
 * {@link #FRESH} minutes, by its download or by the check a few minutes ahead of its air time, else it is
 * hashed then, late as that makes it. At prefetch a file is trusted when its size and modification time are
 * the recorded ones; otherwise (written since, or unknown to the index) it is hashed.
 */
final class CacheCheck {

    /** Longer than the check ahead of a play ({@link communecast.agent.player.MediaSource#CHECK_AHEAD}), so that check covers the play. */
    static final Duration FRESH = Duration.ofMinutes(3);

    private final CacheIndex index;
    private final long hashUpTo;
    private final Clock clock;
    /** The size and time each file had when it was last hashed whole, and when that was; lost on a restart. */
    private final Map<String, Hashed> hashed = new ConcurrentHashMap<>();

    private record Hashed(long size, Instant modified, Instant at) {
    }

    private enum Need { SIZE_AND_TIME, RECENT_HASH, HASH }

    CacheCheck(CacheIndex index, long hashUpTo, Clock clock) {
        this.index = index;
        this.hashUpTo = hashUpTo;
        this.clock = clock;
    }

    /** Empty if the file is intact, else what is wrong with it; hashes only if size and time cannot vouch. */
    Optional<String> quick(String sha, Path file) {
        return damage(sha, file, Need.SIZE_AND_TIME);
    }

    /** As {@link #quick}, but a small file is hashed now, and a big one unless that was done lately. */
    Optional<String> beforePlay(String sha, Path file) {
        return damage(sha, file, Need.RECENT_HASH);
    }

    /** Hashes the file whatever its size. */
    Optional<String> full(String sha, Path file) {
        return damage(sha, file, Need.HASH);
    }

    /** The file was just verified whole (a download). */
    void verified(String sha, long size, Instant modified) {
        hashed.put(sha, new Hashed(size, modified, clock.instant()));
    }

    private Optional<String> damage(String sha, Path file, Need need) {
        try {
            long size = Files.size(file);
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            Optional<CacheIndex.Entry> entry = index.get(sha);
            if (entry.isPresent() && entry.get().size() != size) {
                return Optional.of("size " + size + " bytes, not " + entry.get().size());
            }
            boolean vouched = entry.isPresent() && entry.get().modified().equals(modified);
            if (vouched && !mustHash(need, sha, size, modified)) {
                return Optional.empty();
            }
            if (!Sha256.hex(file).equals(sha)) {
                hashed.remove(sha);
                return Optional.of("checksum mismatch");
            }
            verified(sha, size, modified);
            if (!vouched) {
                index.put(sha, new CacheIndex.Entry(size, modified,
                        entry.map(CacheIndex.Entry::lastUsed).orElse(modified)));
            }
            return Optional.empty();
        } catch (IOException e) {
            String what = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return Optional.of("unreadable: " + what);
        }
    }

    private boolean mustHash(Need need, String sha, long size, Instant modified) {
        return switch (need) {
            case SIZE_AND_TIME -> false;
            case HASH -> true;
            case RECENT_HASH -> size <= hashUpTo || !hashedLately(sha, size, modified);
        };
    }

    private boolean hashedLately(String sha, long size, Instant modified) {
        Hashed last = hashed.get(sha);
        return last != null && last.size() == size && last.modified().equals(modified)
                && last.at().plus(FRESH).isAfter(clock.instant());
    }
}
