package communecast.agent.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cache under its size limit by deleting the least recently used files first. Partial downloads
 * count too (they are on the disk), by the time of their last byte. A file some held order still needs is
 * never deleted: playing it matters more than the limit.
 */
final class CacheEviction {

    private static final Logger LOG = LoggerFactory.getLogger(CacheEviction.class);
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{64})(\\.part)?");
    private static final long MB = 1024 * 1024;

    private record Item(Path file, String sha, boolean partial, long size, Instant lastUsed) {
    }

    private final Path dir;
    private final CacheIndex index;
    private final long maxBytes;

    CacheEviction(Path dir, CacheIndex index, long maxBytes) {
        this.dir = dir;
        this.index = index;
        this.maxBytes = maxBytes;
    }

    /** Deletes until the cache fits, sparing the files of {@code keep}; warns if that is not enough. */
    void fit(Set<String> keep) {
        List<Item> items = items();
        long total = items.stream().mapToLong(Item::size).sum();
        List<Item> byAge = items.stream()
                .filter(i -> !keep.contains(i.sha()))
                .sorted(Comparator.comparing(Item::lastUsed))
                .toList();
        for (int i = 0; i < byAge.size() && total > maxBytes; i++) {
            Item item = byAge.get(i);
            delete(item);
            total -= item.size();
            LOG.info("evicted {} ({} bytes, last used {})", item.file().getFileName(), item.size(), item.lastUsed());
        }
        if (total > maxBytes) {
            LOG.warn("media cache holds {} MB, over its limit of {} MB: the files left are needed by held orders",
                    total / MB, maxBytes / MB);
        }
    }

    /** What the cache's files take on disk now, partial downloads included. */
    long usedBytes() {
        return items().stream().mapToLong(Item::size).sum();
    }

    private List<Item> items() {
        List<Item> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    item(file, name.group(1), name.group(2) != null).ifPresent(items::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return items;
    }

    /** Empty if the file went meanwhile: a download that completes renames its part. */
    private Optional<Item> item(Path file, String sha, boolean partial) throws IOException {
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            Instant lastUsed = partial ? modified
                    : index.get(sha).map(CacheIndex.Entry::lastUsed).orElse(modified);
            return Optional.of(new Item(file, sha, partial, Files.size(file), lastUsed));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private void delete(Item item) {
        try {
            Files.deleteIfExists(item.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + item.file(), e);
        }
        if (!item.partial()) {
            index.remove(item.sha());
        }
    }
}
