package communecast.app.campaign;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A commune's order for a clash: on its devices, {@code thenCampaignId}'s plays go right after {@code firstCampaignId}'s. */
@Serdeable
public record ClashOrder(long id, long areaId, long firstCampaignId, long thenCampaignId, String pickedBy, Instant pickedAt) {
}
