package communecast.app.playlog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.OffsetDateTime;

/**
 * One play as the province's information-source system reads it (docs/integration.md): where, on what, which campaign
 * under which decision, when it was due and when it aired in the configured zone, and how it ended.
 */
@Serdeable
public record ExportedPlay(long id, @Nullable String communeCode, @Nullable String communeName, long deviceId, String deviceName,
                           long campaignId, String campaignTitle, @Nullable String legalBasis, long mediaId,
                           OffsetDateTime scheduledAt, @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime endedAt,
                           LogStatus status, @Nullable String reason, @Nullable String reasonVi) {

    static final String[] HEADER = {"id", "communeCode", "communeName", "deviceId", "deviceName", "campaignId", "campaignTitle",
            "legalBasis", "mediaId", "scheduledAt", "startedAt", "endedAt", "status", "reason", "reasonVi"};

    Object[] cells() {
        return new Object[]{id, communeCode, communeName, deviceId, deviceName, campaignId, campaignTitle, legalBasis, mediaId,
                scheduledAt, startedAt, endedAt, status, reason, reasonVi};
    }

    /** A page of the export and where the next one starts ({@code after}), null after the last. */
    @Serdeable
    public record Page(java.util.List<ExportedPlay> plays, @Nullable String next) {
    }
}
