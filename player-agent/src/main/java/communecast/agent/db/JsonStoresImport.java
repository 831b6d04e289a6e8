package communecast.agent.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents before {@code agent.db} kept each store as a directory of JSON files, one record per file. The
 * first start of this version copies them into the tables, in the transaction that creates the tables;
 * once that is committed the directories are renamed {@code <name>.imported}, never read again.
 * The records below are those files' format, frozen: the stores' own classes may change, these may not.
 */
final class JsonStoresImport {

    private static final Logger LOG = LoggerFactory.getLogger(JsonStoresImport.class);
    private static final String SUFFIX = ".json";
    private static final String SET_ASIDE_SUFFIX = ".imported";

    private static final Path ORDERS = Path.of("orders");
    private static final Path OUTBOX = Path.of("outbox");
    private static final Path PLAYS = Path.of("plays");
    private static final Path CACHE_INDEX = Path.of("cache", "index");

    record OldOrder(long orderId, Long campaignId, long mediaId, String mediaSha256, String mediaUrl,
            String mediaKind, long durationMs, OffsetDateTime startAt, String level) {
    }

    record OldReport(String reportId, long orderId, String status, OffsetDateTime startedAt,
            OffsetDateTime endedAt, String reason) {
    }

    record OldCacheEntry(long size, Instant modified, Instant lastUsed) {
    }

    /** What one JSON file becomes in the database. */
    private interface Insert<T> {
        void insert(Handle handle, Path file, T record) throws IOException;
    }

    private JsonStoresImport() {
    }

    static void importInto(Handle handle, Path dataDir) {
        ObjectMapper mapper = Json.mapper();
        int orders = importDir(handle, mapper, dataDir.resolve(ORDERS), OldOrder.class,
                (h, file, order) -> order(h, order));
        // The file names are the sequence numbers, zero-padded: their order is the order the reports were made.
        int reports = importDir(handle, mapper, dataDir.resolve(OUTBOX), OldReport.class,
                (h, file, report) -> report(h, report));
        int plays = importDir(handle, mapper, dataDir.resolve(PLAYS), OldReport.class, JsonStoresImport::play);
        int cached = importDir(handle, mapper, dataDir.resolve(CACHE_INDEX), OldCacheEntry.class,
                JsonStoresImport::cacheEntry);
        if (orders + reports + plays + cached > 0) {
            LOG.info("imported the JSON stores into {}: {} held order(s), {} report(s) not yet acknowledged, "
                    + "{} journal record(s), {} cache index entr(ies)", AgentDatabase.FILE_NAME, orders, reports,
                    plays, cached);
        }
    }

    /** Renames the imported directories, also those left by a start cut between the import and this. */
    static void setAside(Path dataDir) {
        for (Path dir : List.of(ORDERS, OUTBOX, PLAYS, CACHE_INDEX)) {
            Path old = dataDir.resolve(dir);
            if (Files.isDirectory(old)) {
                Path aside = old.resolveSibling(old.getFileName() + SET_ASIDE_SUFFIX);
                try {
                    Files.move(old, aside);
                } catch (IOException e) {
                    LOG.warn("cannot rename {} to {} ({}); it is not read any more", old, aside, e.toString());
                }
            }
        }
    }

    /**
     * A file that cannot be read or stored is skipped with a warning and stays in the renamed directory:
     * one damaged record must not keep the agent from starting.
     */
    private static <T> int importDir(Handle handle, ObjectMapper mapper, Path dir, Class<T> type, Insert<T> insert) {
        int imported = 0;
        for (Path file : jsonFiles(dir)) {
            try {
                insert.insert(handle, file, mapper.readValue(file.toFile(), type));
                imported++;
            } catch (IOException | RuntimeException e) {
                LOG.warn("not importing {}: {}", file, e.toString());
            }
        }
        return imported;
    }

    private static List<Path> jsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void order(Handle handle, OldOrder o) {
        handle.createUpdate("""
                        INSERT INTO held_order (order_id, campaign_id, media_id, media_sha256, media_url, media_kind,
                                                duration_ms, start_at, level)
                        VALUES (:orderId, :campaignId, :mediaId, :sha256, :url, :kind, :durationMs, :startAt, :level)""")
                .bind("orderId", o.orderId())
                .bind("campaignId", o.campaignId())
                .bind("mediaId", o.mediaId())
                .bind("sha256", o.mediaSha256())
                .bind("url", o.mediaUrl())
                .bind("kind", o.mediaKind())
                .bind("durationMs", o.durationMs())
                .bind("startAt", Columns.text(o.startAt()))
                .bind("level", o.level())
                .execute();
    }

    private static void report(Handle handle, OldReport r) {
        handle.createUpdate("""
                        INSERT INTO outbox (report_id, order_id, status, started_at, ended_at, reason)
                        VALUES (:reportId, :orderId, :status, :startedAt, :endedAt, :reason)""")
                .bind("reportId", r.reportId())
                .bind("orderId", r.orderId())
                .bind("status", r.status())
                .bind("startedAt", Columns.text(r.startedAt()))
                .bind("endedAt", Columns.text(r.endedAt()))
                .bind("reason", r.reason())
                .execute();
    }

    /** The journal dropped records by their file's age: that age goes on as the time recorded. */
    private static void play(Handle handle, Path file, OldReport r) throws IOException {
        handle.createUpdate("""
                        INSERT INTO play_journal (order_id, status, started_at, ended_at, reason, recorded_at)
                        VALUES (:orderId, :status, :startedAt, :endedAt, :reason, :recordedAt)""")
                .bind("orderId", r.orderId())
                .bind("status", r.status())
                .bind("startedAt", Columns.text(r.startedAt()))
                .bind("endedAt", Columns.text(r.endedAt()))
                .bind("reason", r.reason())
                .bind("recordedAt", Files.getLastModifiedTime(file).toMillis())
                .execute();
    }

    /** Named by the SHA-256 of the media file it describes. */
    private static void cacheEntry(Handle handle, Path file, OldCacheEntry e) {
        String name = file.getFileName().toString();
        handle.createUpdate("""
                        INSERT INTO cache_entry (sha256, size, modified, last_used)
                        VALUES (:sha256, :size, :modified, :lastUsed)""")
                .bind("sha256", name.substring(0, name.length() - SUFFIX.length()))
                .bind("size", e.size())
                .bind("modified", Columns.text(e.modified()))
                .bind("lastUsed", Columns.text(e.lastUsed()))
                .execute();
    }
}
