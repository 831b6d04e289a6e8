package communecast.app.playlog;

import java.util.List;
import java.util.stream.Stream;

/**
 * The plays a report covers, counted from the daily roll-up (final statuses) at least as finely as per campaign,
 * per device and per day (an area's report reads one list per campaign and device for both), plus {@code open}:
 * the plays not yet final, one tally per campaign, device and day, which belong in every grouping.
 * {@code byCampaign} is empty when the report is about one campaign.
 */
public record Tallies(List<Tally> byCampaign, List<Tally> byDevice, List<Tally> byDay, List<Tally> open) {

    public List<Tally> perCampaign() {
        return withOpen(byCampaign);
    }

    public List<Tally> perDevice() {
        return withOpen(byDevice);
    }

    public List<Tally> perDay() {
        return withOpen(byDay);
    }

    private List<Tally> withOpen(List<Tally> rolledUp) {
        return Stream.concat(rolledUp.stream(), open.stream()).toList();
    }
}
