package communecast.agent.cache;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.Columns;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * What the cache knows of each file it named, in the agent's database so it survives a restart: the size
 * and modification time the file had when its hash was last verified, and when it was last used.
 */
final class CacheIndex {

    /** {@code lastUsed}: the last play, or the download. */
    record Entry(long size, Instant modified, Instant lastUsed) {
    }

    private static final RowMapper<Entry> ENTRY = (rs, ctx) -> new Entry(
            rs.getLong("size"),
            Columns.instant(rs, "modified"),
            Columns.instant(rs, "last_used"));

    private final Jdbi jdbi;

    CacheIndex(AgentDatabase database) {
        this.jdbi = database.jdbi();
    }

    Optional<Entry> get(String sha) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT size, modified, last_used FROM cache_entry WHERE sha256 = :sha")
                .bind("sha", sha)
                .map(ENTRY)
                .findOne());
    }

    void put(String sha, Entry entry) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT OR REPLACE INTO cache_entry (sha256, size, modified, last_used)
                        VALUES (:sha, :size, :modified, :lastUsed)""")
                .bind("sha", sha)
                .bind("size", entry.size())
                .bind("modified", Columns.text(entry.modified()))
                .bind("lastUsed", Columns.text(entry.lastUsed()))
                .execute());
    }

    void used(String sha, Instant when) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE cache_entry SET last_used = :when WHERE sha256 = :sha")
                .bind("sha", sha)
                .bind("when", Columns.text(when))
                .execute());
    }

    void remove(String sha) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM cache_entry WHERE sha256 = :sha")
                .bind("sha", sha)
                .execute());
    }
}
