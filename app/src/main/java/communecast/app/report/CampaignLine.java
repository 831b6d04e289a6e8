package communecast.app.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import communecast.app.campaign.Campaign;
import communecast.app.schedule.Level;
import communecast.app.playlog.Tally;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One campaign's plays within a period report. */
@Serdeable
record CampaignLine(long campaignId, String title, @Nullable String legalBasis, @Nullable Level level,
                    @JsonUnwrapped Figures figures) {

    /** Per campaign, oldest first. */
    static List<CampaignLine> of(Collection<Tally> tallies, List<Campaign.Heading> headings) {
        Map<Long, Campaign.Heading> byId = headings.stream().collect(Collectors.toMap(Campaign.Heading::id, Function.identity()));
        return new TreeMap<>(Counts.by(tallies, Tally::campaignId)).entrySet().stream().map(e -> {
            Campaign.Heading heading = byId.get(e.getKey());
            return heading == null
                    ? new CampaignLine(e.getKey(), DevicePlaces.UNKNOWN, null, null, e.getValue().figures())
                    : new CampaignLine(e.getKey(), heading.title(), heading.legalBasis(), heading.level(), e.getValue().figures());
        }).toList();
    }
}
