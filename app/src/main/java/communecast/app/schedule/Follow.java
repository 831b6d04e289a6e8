package communecast.app.schedule;

import java.util.Set;

/**
 * A commune's order for a clash: on these of its devices, the campaign whose rules carry this goes right after
 * {@code first}'s plays it would meet. {@code first} carries no follows of its own (one step, never a loop).
 */
public record Follow(CampaignRules first, String firstTitle, Set<Long> deviceIds) {
}
