package communecast.app.campaign;

public enum CampaignStatus {
    DRAFT, SUBMITTED, APPROVED, PAUSED, CANCELLED, COMPLETED
}
