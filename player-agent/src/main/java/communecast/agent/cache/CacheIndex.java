package communecast.agent.cache;

import communecast.agent.Json;
import communecast.agent.JsonFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the cache knows of each file it named, one small file each so it survives a restart: the size and
 * modification time the file had when its hash was last verified, and when it was last used.
 */
final class CacheIndex {

    /** {@code lastUsed}: the last play, or the download. */
    record Entry(long size, Instant modified, Instant lastUsed) {

        Entry usedAt(Instant when) {
            return new Entry(size, modified, when);
        }
    }

    private final JsonFiles<Entry> files;

    CacheIndex(Path dir) {
        this.files = new JsonFiles<>(dir, Entry.class, Json.mapper());
    }

    synchronized Optional<Entry> get(String sha) {
        return files.exists(sha) ? Optional.of(files.read(sha)) : Optional.empty();
    }

    synchronized void put(String sha, Entry entry) {
        files.write(sha, entry);
    }

    synchronized void used(String sha, Instant when) {
        get(sha).ifPresent(entry -> put(sha, entry.usedAt(when)));
    }

    synchronized void remove(String sha) {
        files.delete(sha);
    }
}
