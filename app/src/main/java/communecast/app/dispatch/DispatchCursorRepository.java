package communecast.app.dispatch;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Optional;

interface DispatchCursorRepository {
    @SqlQuery("SELECT dispatched_until FROM dispatch_cursor WHERE campaign_id = :id")
    Optional<Instant> find(@Bind("id") long campaignId);

    @SqlUpdate("""
            INSERT INTO dispatch_cursor (campaign_id, dispatched_until) VALUES (:id, :until)
            ON DUPLICATE KEY UPDATE dispatched_until = GREATEST(dispatched_until, :until)""")
    void advance(@Bind("id") long campaignId, @Bind("until") Instant until);

    /** Back to {@code at}: what lies beyond it is planned again, under the campaign's current rules. */
    @SqlUpdate("UPDATE dispatch_cursor SET dispatched_until = :at WHERE campaign_id = :id AND dispatched_until > :at")
    void rewind(@Bind("id") long campaignId, @Bind("at") Instant at);
}
