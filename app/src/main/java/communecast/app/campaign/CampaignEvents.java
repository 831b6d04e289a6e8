package communecast.app.campaign;

/** What other rooms (dispatch) hear of a campaign's life; published after the change is committed. */
public final class CampaignEvents {
    private CampaignEvents() {
    }

    public record Approved(long campaignId) {
    }

    public record Cancelled(long campaignId) {
    }

    public record Paused(long campaignId) {
    }

    public record Resumed(long campaignId) {
    }

    /**
     * An edit was approved: the campaign now says what revision {@code number} says. {@code ordersChanged}: what an
     * order carries changed (the level, a relay's fallback), so every play still ahead gets a new order.
     */
    public record Revised(long campaignId, int number, boolean ordersChanged) {
    }
}
