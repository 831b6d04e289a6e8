package communecast.app.campaign;

import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Edits of approved campaigns awaiting approval (at most one PENDING per campaign). */
interface RevisionRepository {
    record Row(@ColumnName("campaign_id") long campaignId, long id, int number, @ColumnName("body_json") String bodyJson, @ColumnName("created_by") long createdBy,
               String username, @ColumnName("created_at") Instant createdAt) {
    }

    @SqlQuery("""
            SELECT r.campaign_id, r.id, r.number, r.body_json, r.created_by, u.username, r.created_at
            FROM campaign_revision r JOIN app_user u ON u.id = r.created_by
            WHERE r.campaign_id = :id AND r.status = 'PENDING'""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> pending(@Bind("id") long campaignId);

    @SqlQuery("""
            SELECT r.campaign_id, r.id, r.number, r.body_json, r.created_by, u.username, r.created_at
            FROM campaign_revision r JOIN app_user u ON u.id = r.created_by
            WHERE r.campaign_id IN (<ids>) AND r.status = 'PENDING'""")
    @RegisterConstructorMapper(Row.class)
    List<Row> pending(@BindList("ids") Collection<Long> campaignIds);

    @SqlUpdate("""
            INSERT INTO campaign_revision (campaign_id, number, body_json, status, created_by, created_at)
            VALUES (:id, :number, :body, 'PENDING', :userId, :now)""")
    void insert(@Bind("id") long campaignId, @Bind("number") int number, @Bind("body") String bodyJson,
                @Bind("userId") long userId, @Bind("now") Instant now);

    /** A second edit before approval replaces the first: the approver judges the latest one, by its author. */
    @SqlUpdate("""
            UPDATE campaign_revision SET body_json = :body, created_by = :userId, created_at = :now
            WHERE id = :revisionId AND status = 'PENDING'""")
    int replace(@Bind("revisionId") long revisionId, @Bind("body") String bodyJson, @Bind("userId") long userId,
                @Bind("now") Instant now);

    /** PENDING → APPROVED or DISCARDED; 0 if someone decided first. */
    @SqlUpdate("""
            UPDATE campaign_revision SET status = :status, decided_by = :userId, decided_at = :now
            WHERE id = :revisionId AND status = 'PENDING'""")
    int decide(@Bind("revisionId") long revisionId, @Bind("status") String status, @Bind("userId") long userId,
               @Bind("now") Instant now);
}
