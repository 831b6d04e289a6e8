package communecast.app.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import communecast.app.area.Area;
import communecast.app.area.Letterhead;
import communecast.app.campaign.Campaign;
import communecast.app.playlog.Tallies;
import communecast.app.playlog.Tally;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/**
 * Báo cáo tổng hợp of an area over a period, across every campaign that aired on its devices (those in it and
 * below it now): totals, per campaign, per commune, per device and per day. Dates are inclusive, local.
 */
@Serdeable
record AreaReport(long areaId, String areaName, LocalDate from, LocalDate to, String unit, Letterhead letterhead,
                  @JsonUnwrapped Totals totals,
                  List<CampaignLine> campaigns, List<CommuneLine> communes, List<DeviceLine> devices, List<DayLine> days) {

    static AreaReport of(Area area, LocalDate from, LocalDate to, Letterhead letterhead, Tallies tallies, DevicePlaces places,
                         List<Campaign.Heading> headings) {
        List<Tally> byDevice = tallies.perDevice();
        return new AreaReport(area.id(), area.name(), from, to, letterhead.unitName(), letterhead, Counts.of(byDevice).totals(),
                CampaignLine.of(tallies.perCampaign(), headings), CommuneLine.of(byDevice, places),
                DeviceLine.of(byDevice, places), DayLine.of(tallies.perDay()));
    }
}
