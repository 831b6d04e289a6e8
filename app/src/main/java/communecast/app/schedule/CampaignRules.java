package communecast.app.schedule;

import java.util.List;
import java.util.Map;

/**
 * Everything that decides where and when one campaign airs: its level, its rules and dates, its targets, the
 * facts of its media, the quiet hours of its targets' areas (an area missing here keeps none) and the campaigns
 * a commune put before it on some devices ({@code follows}). Read from the database by the caller; {@link Airings}
 * only computes.
 */
public record CampaignRules(long campaignId, Level level, Schedule schedule, List<Target> targets, Map<Long, MediaFacts> media,
                            Map<Long, QuietHours> quietHoursByArea, List<Follow> follows) {

    /** The same rules on one device, following nobody. */
    CampaignRules on(Target target) {
        return new CampaignRules(campaignId, level, schedule, List.of(target), media, quietHoursByArea, List.of());
    }
}
