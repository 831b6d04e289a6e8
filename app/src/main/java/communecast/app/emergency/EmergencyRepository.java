package communecast.app.emergency;

import communecast.app.area.Areas;
import io.micronaut.core.annotation.Nullable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface EmergencyRepository {
    record Row(long id, @ColumnName("campaign_id") long campaignId, @ColumnName("media_id") long mediaId,
               @ColumnName("repeat_count") int repeatCount, @ColumnName("valid_until") Instant validUntil,
               @ColumnName("created_by") long createdBy, String username, @ColumnName("created_at") Instant createdAt,
               @Nullable @ColumnName("stopped_by") String stoppedBy, @ColumnName("stopped_at") Instant stoppedAt) {
    }

    @SqlUpdate("""
            INSERT INTO emergency (campaign_id, media_id, repeat_count, valid_until, created_by, created_at)
            VALUES (:campaignId, :mediaId, :repeat, :validUntil, :userId, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("campaignId") long campaignId, @Bind("mediaId") long mediaId, @Bind("repeat") int repeat,
                @Bind("validUntil") Instant validUntil, @Bind("userId") long userId, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT e.id, e.campaign_id, e.media_id, e.repeat_count, e.valid_until, e.created_by, u.username, e.created_at,
                   s.username AS stopped_by, e.stopped_at
            FROM emergency e
            JOIN app_user u ON u.id = e.created_by
            LEFT JOIN app_user s ON s.id = e.stopped_by
            WHERE e.id = :id""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> find(@Bind("id") long id);

    /** Newest first, those whose campaign the user sees ({@link Areas#SHARED_WITH_SQL} on the campaign). */
    @SqlQuery("""
            SELECT e.id, e.campaign_id, c.title, e.media_id, e.repeat_count, e.valid_until, u.username AS started_by, e.created_at,
                   s.username AS stopped_by, e.stopped_at
            FROM emergency e
            JOIN campaign c ON c.id = e.campaign_id
            JOIN app_user u ON u.id = e.created_by
            LEFT JOIN app_user s ON s.id = e.stopped_by
            WHERE e.campaign_id IN (SELECT id FROM campaign WHERE """ + Areas.SHARED_WITH_SQL + """
            )
            ORDER BY e.id DESC
            LIMIT :limit""")
    @RegisterConstructorMapper(EmergencySummary.class)
    List<EmergencySummary> latestVisible(@Bind("everyone") boolean everyone,
                                         @BindList(value = "owners", onEmpty = BindList.EmptyHandling.NULL_STRING) Collection<Long> owners,
                                         @Bind("limit") int limit);

    @SqlUpdate("UPDATE emergency SET stopped_by = :userId, stopped_at = :now WHERE id = :id AND stopped_at IS NULL")
    int stop(@Bind("id") long id, @Bind("userId") long userId, @Bind("now") Instant now);
}
