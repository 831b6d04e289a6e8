package communecast.app.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import communecast.app.area.Letterhead;
import communecast.app.campaign.Campaign;
import communecast.app.playlog.Shortfall;
import communecast.app.playlog.Tallies;
import communecast.app.playlog.Tally;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/**
 * Báo cáo kết quả of one campaign: planned versus aired in total, per commune, per device and per day, and why
 * plays did not air. {@code letterhead} is of the unit that made the campaign, or of the commune that reports
 * a wider area's campaign on its own devices; {@code unit} its name. {@code planned} (in the totals) is planned to
 * date: the plays dispatch has made into logs so far, up to 48 h ahead; {@code outlook} adds the whole campaign's.
 */
@Serdeable
record CampaignReport(long campaignId, String title, @Nullable String legalBasis, LocalDate startDate, LocalDate endDate,
                      String unit, Letterhead letterhead, @JsonUnwrapped Totals totals, @JsonUnwrapped Outlook outlook, List<CommuneLine> communes,
                      List<DeviceLine> devices, List<DayLine> days, List<Shortfall> notAired) {

    /**
     * {@code plannedWhole}: every PLANNED play of the schedule from the first day to the last on the targets as they
     * are now (the plan's count; EXCLUDED ones left out); {@code toCome}: those of them not yet made into logs. Both
     * null when the campaign has too many plays to count (CampaignPlan.countPlanned).
     */
    @Serdeable
    record Outlook(@Nullable Long plannedWhole, @Nullable Long toCome) {
    }

    static CampaignReport of(Campaign campaign, Letterhead letterhead, Tallies tallies, DevicePlaces places, List<Shortfall> notAired,
                             Outlook outlook) {
        List<Tally> byDevice = tallies.perDevice();
        return new CampaignReport(campaign.id(), campaign.title(), campaign.legalBasis(), campaign.startDate(),
                campaign.endDate(), letterhead.unitName(), letterhead, Counts.of(byDevice).totals(), outlook, CommuneLine.of(byDevice, places),
                DeviceLine.of(byDevice, places), DayLine.of(tallies.perDay()), notAired);
    }
}
