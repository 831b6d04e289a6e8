package communecast.app.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
 * plays did not air. {@code unit} is the area that made the campaign.
 */
@Serdeable
record CampaignReport(long campaignId, String title, @Nullable String legalBasis, LocalDate startDate, LocalDate endDate,
                      String unit, @JsonUnwrapped Totals totals, List<CommuneLine> communes, List<DeviceLine> devices,
                      List<DayLine> days, List<Shortfall> notAired) {

    static CampaignReport of(Campaign campaign, String unit, Tallies tallies, DevicePlaces places, List<Shortfall> notAired) {
        List<Tally> byDevice = tallies.perDevice();
        return new CampaignReport(campaign.id(), campaign.title(), campaign.legalBasis(), campaign.startDate(),
                campaign.endDate(), unit, Counts.of(byDevice).totals(), CommuneLine.of(byDevice, places),
                DeviceLine.of(byDevice, places), DayLine.of(tallies.perDay()), notAired);
    }
}
