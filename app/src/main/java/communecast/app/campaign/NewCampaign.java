package communecast.app.campaign;

import communecast.app.schedule.Level;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/** The body of {@code POST /api/campaigns} (CONTRACT.md). */
@Serdeable
public record NewCampaign(String title, @Nullable String legalBasis, Level level, LocalDate startDate, LocalDate endDate,
                          @Nullable List<LocalDate> excludedDates, Campaign.Targets targets, List<Item> items) {
    /** A date listed twice is excluded once; the cap on excluded dates counts different ones. */
    public NewCampaign {
        excludedDates = Campaign.Targets.distinct(excludedDates);
    }

    /** {@code fallbackMediaId}: for a relay, a recorded medium to air when its stream is down at the start. */
    @Serdeable
    public record Item(Long mediaId, RuleSpec rule, @Nullable Long fallbackMediaId) {
    }
}
