package communecast.app.campaign;

import communecast.app.schedule.Level;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A chiến dịch tuyên truyền as the API shows it. */
@Serdeable
public record Campaign(
        long id,
        String title,
        @Nullable String legalBasis,
        Level level,
        CampaignStatus status,
        LocalDate startDate,
        LocalDate endDate,
        List<LocalDate> excludedDates,
        Targets targets,
        List<Item> items,
        @Nullable Long areaId,
        long createdBy,
        Instant createdAt,
        @Nullable Long approvedBy,
        @Nullable Instant approvedAt,
        int revision,
        @Nullable PendingRevision pendingRevision,
        /* An emergency's window: its plays may start late up to then on a device reached late. */
        @Nullable Instant playUntil) {

    /** An edit of the approved campaign awaiting approval; until then the campaign airs as above. */
    @Serdeable
    public record PendingRevision(int number, long createdBy, String createdByName, Instant createdAt, NewCampaign changes) {
    }

    @Serdeable
    public record Targets(@Nullable List<Long> areaIds, @Nullable List<Long> deviceIds, @Nullable List<Long> groupIds) {
        /** An id listed twice is one target: stored, checked and resolved once (the first place kept). */
        public Targets {
            areaIds = distinct(areaIds);
            deviceIds = distinct(deviceIds);
            groupIds = distinct(groupIds);
        }

        static <T> List<T> distinct(List<T> list) {
            return list == null ? null : list.stream().distinct().toList();
        }

        List<Long> areas() {
            return areaIds == null ? List.of() : areaIds;
        }

        List<Long> devices() {
            return deviceIds == null ? List.of() : deviceIds;
        }

        List<Long> groups() {
            return groupIds == null ? List.of() : groupIds;
        }
    }

    @Serdeable
    public record Item(long id, long mediaId, RuleSpec rule, @Nullable Long fallbackMediaId) {
    }

    /** What a list of campaigns shows of each (a period report). */
    public record Heading(long id, String title, @Nullable @ColumnName("legal_basis") String legalBasis, Level level) {
    }
}
