import communecast.agent.db.AgentDatabase;
import java.nio.file.Path;

/**
 * Writes the fixture agent.db of the agent build on its class path: the same rows in every schema version,
 * through that build's own AgentDatabase.open, so the tables are what that release made. README.md says how.
 */
public class MakeFixture {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        boolean hasPlayUntil = Integer.parseInt(args[1]) >= 2;
        try (AgentDatabase database = AgentDatabase.open(dir)) {
            database.jdbi().useHandle(handle -> {
                handle.execute("""
                        INSERT INTO held_order (order_id, campaign_id, media_id, media_sha256, media_url, media_kind,
                                                duration_ms, start_at, level)
                        VALUES (41, 5, 7, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
                                '/agent/media/7', 'AUDIO', 60000, '2026-03-15T06:30:00+07:00', 'NORMAL'),
                               (42, NULL, 8, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
                                '/agent/media/8', 'VIDEO', 45000, '2026-03-15T07:00:00+07:00', 'EMERGENCY')""");
                if (hasPlayUntil) {
                    handle.execute("UPDATE held_order SET play_until = '2026-03-15T07:15:00+07:00' WHERE order_id = 42");
                }
                handle.execute("""
                        INSERT INTO outbox (report_id, order_id, status, started_at, ended_at, reason)
                        VALUES ('40:PLAYING', 40, 'PLAYING', '2026-03-14T17:00:00.250+07:00', NULL, NULL),
                               ('40:PLAYED', 40, 'PLAYED', '2026-03-14T17:00:00.250+07:00',
                                '2026-03-14T17:01:00.250+07:00', NULL)""");
                handle.execute("""
                        INSERT INTO play_journal (order_id, status, started_at, ended_at, reason, recorded_at)
                        VALUES (40, 'PLAYED', '2026-03-14T17:00:00.250+07:00', '2026-03-14T17:01:00.250+07:00', NULL,
                                1773482460250)""");
                handle.execute("""
                        INSERT INTO cache_entry (sha256, size, modified, last_used)
                        VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 960044,
                                '2026-03-14T09:12:03.123456789Z', '2026-03-14T10:00:00Z')""");
            });
        }
    }
}
