package communecast.app.campaign;

import communecast.app.schedule.Level;
import communecast.app.area.Areas;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import io.micronaut.core.annotation.Nullable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

interface CampaignRepository {
    record Row(long id, String title, @ColumnName("legal_basis") String legalBasis, Level level, CampaignStatus status,
               @ColumnName("start_date") LocalDate startDate, @ColumnName("end_date") LocalDate endDate,
               @ColumnName("area_id") Long areaId, @ColumnName("created_by") long createdBy,
               @ColumnName("created_at") Instant createdAt, @ColumnName("approved_by") Long approvedBy,
               @ColumnName("approved_at") Instant approvedAt, int revision, @ColumnName("play_until") Instant playUntil) {
    }

    record ItemRow(@ColumnName("campaign_id") long campaignId, long id, @ColumnName("media_id") long mediaId,
                   @ColumnName("rule_json") String ruleJson, @Nullable @ColumnName("fallback_media_id") Long fallbackMediaId) {
    }

    record TargetRow(@ColumnName("campaign_id") long campaignId, @ColumnName("area_id") Long areaId,
                     @ColumnName("device_id") Long deviceId, @ColumnName("group_id") Long groupId) {
    }

    record ExcludedRow(@ColumnName("campaign_id") long campaignId, LocalDate day) {
    }

    String COLUMNS = "id, title, legal_basis, level, status, start_date, end_date, area_id, created_by, created_at, approved_by, approved_at, revision, play_until";

    @SqlQuery("SELECT " + COLUMNS + " FROM campaign WHERE id = :id")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> find(@Bind("id") long id);

    /**
     * Areas.sharedWith in SQL: a campaign of the whole country (no area) is seen by all, one of an area by users
     * in it, above it or below it ({@code owners}: Areas.sharingAreaIds; {@code everyone} for a user of the country).
     */
    String VISIBLE = Areas.SHARED_WITH_SQL;

    /** What the approval queue lists and the dashboard counts: submitted, or approved (or paused) with an edit pending. */
    String AWAITING_APPROVAL = """
            (status = 'SUBMITTED' OR (status IN ('APPROVED', 'PAUSED')
             AND EXISTS (SELECT 1 FROM campaign_revision r WHERE r.campaign_id = campaign.id AND r.status = 'PENDING')))""";

    /** Newest first, ids below {@code before}; {@code which}: TRUE or {@link #AWAITING_APPROVAL}. */
    @SqlQuery("SELECT " + COLUMNS + " FROM campaign WHERE " + VISIBLE + " AND <which> AND id < :before ORDER BY id DESC LIMIT :limit")
    @RegisterConstructorMapper(Row.class)
    List<Row> olderVisible(@Bind("everyone") boolean everyone, @BindList(value = "owners", onEmpty = BindList.EmptyHandling.NULL_STRING) Collection<Long> owners,
                           @Define("which") String which, @Bind("before") long before, @Bind("limit") int limit);

    /** Oldest first, ids above {@code after}: the page before (newer than) one already shown. */
    @SqlQuery("SELECT " + COLUMNS + " FROM campaign WHERE " + VISIBLE + " AND <which> AND id > :after ORDER BY id LIMIT :limit")
    @RegisterConstructorMapper(Row.class)
    List<Row> newerVisible(@Bind("everyone") boolean everyone, @BindList(value = "owners", onEmpty = BindList.EmptyHandling.NULL_STRING) Collection<Long> owners,
                           @Define("which") String which, @Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM campaign WHERE " + VISIBLE + " AND <which>")
    long countVisible(@Bind("everyone") boolean everyone, @BindList(value = "owners", onEmpty = BindList.EmptyHandling.NULL_STRING) Collection<Long> owners,
                      @Define("which") String which);

    /** Of these items, the relays that name a fallback: item id → the fallback's media id. */
    @SqlQuery("SELECT id, fallback_media_id FROM campaign_item WHERE id IN (<ids>) AND fallback_media_id IS NOT NULL")
    @KeyColumn("id")
    @ValueColumn("fallback_media_id")
    Map<Long, Long> fallbacks(@BindList("ids") Collection<Long> itemIds);

    @SqlQuery("SELECT id, title, legal_basis, level FROM campaign WHERE id IN (<ids>) ORDER BY id")
    @RegisterConstructorMapper(Campaign.Heading.class)
    List<Campaign.Heading> headings(@BindList("ids") Collection<Long> ids);

    @SqlQuery("SELECT id FROM campaign WHERE status = 'APPROVED'")
    List<Long> approvedIds();

    @SqlQuery("SELECT id FROM campaign WHERE status IN ('APPROVED', 'PAUSED')")
    List<Long> airingIds();

    @SqlQuery("SELECT campaign_id, id, media_id, rule_json, fallback_media_id FROM campaign_item WHERE campaign_id IN (<ids>) ORDER BY campaign_id, position")
    @RegisterConstructorMapper(ItemRow.class)
    List<ItemRow> items(@BindList("ids") Collection<Long> campaignIds);

    @SqlQuery("SELECT campaign_id, area_id, device_id, group_id FROM campaign_target WHERE campaign_id IN (<ids>) ORDER BY id")
    @RegisterConstructorMapper(TargetRow.class)
    List<TargetRow> targets(@BindList("ids") Collection<Long> campaignIds);

    @SqlQuery("SELECT campaign_id, day FROM campaign_excluded_date WHERE campaign_id IN (<ids>) ORDER BY day")
    @RegisterConstructorMapper(ExcludedRow.class)
    List<ExcludedRow> excludedDates(@BindList("ids") Collection<Long> campaignIds);

    @SqlUpdate("""
            INSERT INTO campaign (title, legal_basis, level, status, start_date, end_date, area_id, created_by, created_at)
            VALUES (:title, :legalBasis, :level, 'DRAFT', :startDate, :endDate, :areaId, :userId, :now)""")
    @GetGeneratedKeys("id")
    long insert(@BindMethods NewCampaign campaign, @Bind("areaId") Long areaId, @Bind("userId") long userId,
                @Bind("now") Instant now);

    /** Replaces what the campaign says (its items, targets and dates are replaced beside it); 0 if not in one of {@code statuses}. */
    @SqlUpdate("""
            UPDATE campaign SET title = :title, legal_basis = :legalBasis, level = :level, start_date = :startDate,
                   end_date = :endDate, revision = :revision
            WHERE id = :id AND status IN (<statuses>)""")
    int update(@Bind("id") long id, @BindMethods NewCampaign campaign, @Bind("revision") int revision,
               @BindList("statuses") List<CampaignStatus> statuses);

    @SqlUpdate("UPDATE campaign SET play_until = :until WHERE id = :id")
    void playUntil(@Bind("id") long id, @Bind("until") Instant until);

    @SqlUpdate("DELETE FROM campaign_item WHERE campaign_id = :id")
    void deleteItems(@Bind("id") long campaignId);

    @SqlUpdate("DELETE FROM campaign_target WHERE campaign_id = :id")
    void deleteTargets(@Bind("id") long campaignId);

    @SqlUpdate("DELETE FROM campaign_excluded_date WHERE campaign_id = :id")
    void deleteExcludedDates(@Bind("id") long campaignId);

    @SqlUpdate("""
            INSERT INTO campaign_item (campaign_id, position, media_id, rule_json, fallback_media_id)
            VALUES (:id, :position, :mediaId, :ruleJson, :fallbackMediaId)""")
    void insertItem(@Bind("id") long campaignId, @Bind("position") int position, @Bind("mediaId") long mediaId,
                    @Bind("ruleJson") String ruleJson, @Bind("fallbackMediaId") Long fallbackMediaId);

    @SqlBatch("INSERT INTO campaign_target (campaign_id, area_id) VALUES (:id, :areaId)")
    void insertAreaTargets(@Bind("id") long campaignId, @Bind("areaId") List<Long> areaIds);

    @SqlBatch("INSERT INTO campaign_target (campaign_id, device_id) VALUES (:id, :deviceId)")
    void insertDeviceTargets(@Bind("id") long campaignId, @Bind("deviceId") List<Long> deviceIds);

    @SqlBatch("INSERT INTO campaign_target (campaign_id, group_id) VALUES (:id, :groupId)")
    void insertGroupTargets(@Bind("id") long campaignId, @Bind("groupId") List<Long> groupIds);

    @SqlBatch("INSERT IGNORE INTO campaign_excluded_date (campaign_id, day) VALUES (:id, :day)")
    void insertExcludedDates(@Bind("id") long campaignId, @Bind("day") List<LocalDate> days);

    @SqlQuery("SELECT id FROM campaign WHERE status = 'APPROVED' AND end_date < :today")
    List<Long> approvedEndedBefore(@Bind("today") LocalDate today);

    /** Moves a campaign from one status to another; 0 if it was no longer in {@code from}. */
    @SqlUpdate("UPDATE campaign SET status = :to WHERE id = :id AND status = :from")
    int move(@Bind("id") long id, @Bind("from") CampaignStatus from, @Bind("to") CampaignStatus to);

    @SqlUpdate("INSERT INTO campaign_event (campaign_id, action, user_id, username, at) VALUES (:id, :action, :userId, :username, :now)")
    void record(@Bind("id") long campaignId, @Bind("action") String action, @Bind("userId") long userId,
                @Bind("username") String username, @Bind("now") Instant now);

    @SqlQuery("SELECT action, user_id, username, at FROM campaign_event WHERE campaign_id = :id ORDER BY at, id")
    @RegisterConstructorMapper(HistoryEntry.class)
    List<HistoryEntry> history(@Bind("id") long campaignId);

    @SqlUpdate("UPDATE campaign SET status = 'APPROVED', approved_by = :userId, approved_at = :now WHERE id = :id AND status IN ('DRAFT', 'SUBMITTED')")
    int approve(@Bind("id") long id, @Bind("userId") long userId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE campaign SET status = 'CANCELLED', cancelled_by = :userId, cancelled_at = :now WHERE id = :id AND status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'PAUSED')")
    int cancel(@Bind("id") long id, @Bind("userId") long userId, @Bind("now") Instant now);
}
