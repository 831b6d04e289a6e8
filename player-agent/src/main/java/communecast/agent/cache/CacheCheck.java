package communecast.agent.cache;

import communecast.media.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a cached file still holds the bytes whose SHA-256 was verified at download. A file of another size
 * is damaged. Before a play, a file of at most {@code hashUpTo} bytes is hashed again: that takes a fraction
 * of a second, and covers every audio bulletin. A bigger file, and any file at prefetch, is trusted when its
 * size and modification time are the recorded ones, since hashing a long video right before its air time
 * could delay it. Otherwise (it was written since, or the index does not know it yet) it is hashed.
 */
final class CacheCheck {

    private final CacheIndex index;
    private final long hashUpTo;

    CacheCheck(CacheIndex index, long hashUpTo) {
        this.index = index;
        this.hashUpTo = hashUpTo;
    }

    /** Empty if the file is intact, else what is wrong with it; hashes only if size and time cannot vouch. */
    Optional<String> quick(String sha, Path file) {
        return damage(sha, file, false);
    }

    /** As {@link #quick}, but a small file is hashed in any case. */
    Optional<String> beforePlay(String sha, Path file) {
        return damage(sha, file, true);
    }

    private Optional<String> damage(String sha, Path file, boolean beforePlay) {
        try {
            long size = Files.size(file);
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            Optional<CacheIndex.Entry> entry = index.get(sha);
            if (entry.isPresent() && entry.get().size() != size) {
                return Optional.of("size " + size + " bytes, not " + entry.get().size());
            }
            boolean vouched = entry.isPresent() && entry.get().modified().equals(modified);
            if (vouched && !(beforePlay && size <= hashUpTo)) {
                return Optional.empty();
            }
            if (!Sha256.hex(file).equals(sha)) {
                return Optional.of("checksum mismatch");
            }
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
}
