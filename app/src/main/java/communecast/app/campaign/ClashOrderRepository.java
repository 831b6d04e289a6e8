package communecast.app.campaign;

import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The orders communes picked for clashes between campaigns on their devices. */
interface ClashOrderRepository extends SqlObject {

    String ORDER = """
            SELECT o.id, o.area_id AS areaId, o.first_campaign_id AS firstCampaignId, o.then_campaign_id AS thenCampaignId,
                   u.username AS pickedBy, o.picked_at AS pickedAt
            FROM clash_order o JOIN app_user u ON u.id = o.picked_by""";

    /** The orders that put another campaign before this one (ix_clash_then). */
    @SqlQuery(ORDER + " WHERE o.then_campaign_id = :campaignId ORDER BY o.id")
    @RegisterConstructorMapper(ClashOrder.class)
    List<ClashOrder> puttingBefore(@Bind("campaignId") long campaignId);

    /** The campaigns put after this one somewhere (ix_clash_first). */
    @SqlQuery("SELECT DISTINCT then_campaign_id FROM clash_order WHERE first_campaign_id = :campaignId")
    List<Long> followersOf(@Bind("campaignId") long campaignId);

    @SqlQuery(ORDER + " WHERE o.area_id = :areaId ORDER BY o.id")
    @RegisterConstructorMapper(ClashOrder.class)
    List<ClashOrder> ofArea(@Bind("areaId") long areaId);

    @SqlQuery(ORDER + " WHERE o.id = :id AND o.area_id = :areaId")
    @RegisterConstructorMapper(ClashOrder.class)
    Optional<ClashOrder> find(@Bind("areaId") long areaId, @Bind("id") long id);

    /** The commune's order for the pair, replacing the one it had either way round. */
    @Transaction
    default ClashOrder pick(long areaId, long firstCampaignId, long thenCampaignId, long userId, Instant now) {
        getHandle().createUpdate("""
                        DELETE FROM clash_order
                        WHERE area_id = :areaId AND low_campaign_id = LEAST(:first, :then) AND high_campaign_id = GREATEST(:first, :then)""")
                .bind("areaId", areaId).bind("first", firstCampaignId).bind("then", thenCampaignId).execute();
        long id = getHandle().createUpdate("""
                        INSERT INTO clash_order (area_id, first_campaign_id, then_campaign_id, picked_by, picked_at)
                        VALUES (:areaId, :first, :then, :by, :now)""")
                .bind("areaId", areaId).bind("first", firstCampaignId).bind("then", thenCampaignId).bind("by", userId).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return find(areaId, id).orElseThrow();
    }

    @SqlUpdate("DELETE FROM clash_order WHERE id = :id")
    int delete(@Bind("id") long id);
}
