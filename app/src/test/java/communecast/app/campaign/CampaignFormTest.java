package communecast.app.campaign;

import communecast.app.campaign.Campaign;
import communecast.app.schedule.Level;
import communecast.app.campaign.NewCampaign;
import communecast.app.campaign.RuleSpec;
import communecast.app.web.ApiException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The editor's fields become the API's body; a stored campaign becomes the same fields again. */
class CampaignFormTest {
    @Test
    void eachRuleTypeTakesOnlyItsOwnFieldsAndAnEmptyRowIsDropped() {
        Map<String, String> fields = new HashMap<>(Map.of("title", " Phòng cháy ", "legalBasis", "", "level", "PRIORITY",
                "startDate", "2026-03-15", "endDate", "2026-03-31", "excludedDates", "20/03/2026, 2026-03-21", "area-7", "on", "device-12", "on"));
        fields.putAll(Map.of("item0-mediaId", "3", "item0-type", "ONCE", "item0-at", "15/3/2026  6:30", "item0-times", "06:30"));
        fields.putAll(Map.of("item1-mediaId", "4", "item1-type", "DAILY", "item1-times", "06:30,17:30", "item1-day-MON", "on", "item1-day-FRI", "on"));
        fields.putAll(Map.of("item2-mediaId", "5", "item2-type", "LOOP", "item2-from", "07:00", "item2-to", "21:00", "item2-everyMinutes", "15"));
        fields.put("item2-fallbackMediaId", "8");
        fields.putAll(Map.of("item3-mediaId", "", "item3-type", "DAILY", "item3-times", "06:30"));

        NewCampaign c = CampaignForm.parse(fields).toRequest();

        assertEquals("Phòng cháy", c.title());
        assertNull(c.legalBasis());
        assertEquals(Level.PRIORITY, c.level());
        assertEquals(List.of(LocalDate.parse("2026-03-20"), LocalDate.parse("2026-03-21")), c.excludedDates());
        assertEquals(new Campaign.Targets(List.of(7L), List.of(12L), List.of()), c.targets());
        assertEquals(List.of(
                new NewCampaign.Item(3L, new RuleSpec("ONCE", "2026-03-15T06:30", null, null, null, null, null), null),
                new NewCampaign.Item(4L, new RuleSpec("DAILY", null, List.of("06:30", "17:30"), List.of("MON", "FRI"), null, null, null), null),
                new NewCampaign.Item(5L, new RuleSpec("LOOP", null, null, null, "07:00", "21:00", 15), 8L)), c.items());
    }

    @Test
    void whatCannotBeReadIsRefusedAsTheApiRefusesIt() {
        Map<String, String> fields = Map.of("title", "T", "level", "NORMAL", "startDate", "31/02/2026", "endDate", "2026-03-31");
        assertEquals("BAD_DATES", assertThrows(ApiException.class, () -> CampaignForm.parse(fields).toRequest()).code(), "no 31 February");
        Map<String, String> typed = Map.of("title", "T", "level", "NORMAL", "startDate", "15/03/2026", "endDate", "2026-03-31");
        assertEquals(java.time.LocalDate.of(2026, 3, 15), CampaignForm.parse(typed).toRequest().startDate(), "a day as offices type it");
        Map<String, String> loop = Map.of("title", "T", "level", "NORMAL", "startDate", "2026-03-15", "endDate", "2026-03-31",
                "item0-mediaId", "1", "item0-type", "LOOP", "item0-everyMinutes", "mười lăm");
        assertEquals("BAD_RULE", assertThrows(ApiException.class, () -> CampaignForm.parse(loop).toRequest()).code());
        Map<String, String> once = Map.of("title", "T", "level", "NORMAL", "startDate", "15/03/2026", "endDate", "31/03/2026",
                "item0-mediaId", "1", "item0-type", "ONCE", "item0-at", "15/03/2026");
        ApiException noTime = assertThrows(ApiException.class, () -> CampaignForm.parse(once).toRequest());
        assertEquals("a ONCE rule's day and time must be written like 15/03/2026 06:30, not '15/03/2026'", noTime.getMessage(), "a day without its time");
    }

    @Test
    void aStoredCampaignFillsTheFormAgainAndItsEditAwaitingApprovalWins() {
        NewCampaign approved = new NewCampaign("Tiêm chủng", "KH 12", Level.NORMAL, LocalDate.parse("2026-03-15"), LocalDate.parse("2026-03-31"),
                List.of(), new Campaign.Targets(List.of(7L), null, List.of(2L)),
                List.of(new NewCampaign.Item(3L, new RuleSpec("once", "2026-03-15T06:30:00", null, null, null, null, null), 6L)));
        Campaign campaign = new Campaign(1, approved.title(), approved.legalBasis(), approved.level(), communecast.app.campaign.CampaignStatus.APPROVED,
                approved.startDate(), approved.endDate(), List.of(LocalDate.parse("2026-03-20"), LocalDate.parse("2026-03-21")), approved.targets(),
                List.of(new Campaign.Item(9, 3L, approved.items().getFirst().rule(), 6L)), 7L, 1, java.time.Instant.EPOCH, 2L, java.time.Instant.EPOCH, 1, null, null);

        CampaignForm form = CampaignForm.of(campaign);
        assertEquals(Set.of(7L), form.areaIds());
        assertEquals(Set.of(2L), form.groupIds());
        assertEquals("20/03/2026, 21/03/2026", form.excludedDates(), "dates without plays as offices write them");
        assertEquals(new ItemForm("3", "ONCE", "15/03/2026 06:30", "", Set.of(), "", "", "", "6"), form.items().getFirst(),
                "the fallback kept, the time as offices write it");
        assertEquals(List.of("15/03/2026", "31/03/2026"), List.of(form.startDate(), form.endDate()), "the days as offices write them");

        NewCampaign edit = new NewCampaign("Tiêm chủng (sửa)", null, Level.NORMAL, approved.startDate(), approved.endDate(), null,
                approved.targets(), approved.items());
        Campaign withEdit = new Campaign(1, campaign.title(), campaign.legalBasis(), campaign.level(), campaign.status(), campaign.startDate(),
                campaign.endDate(), List.of(), campaign.targets(), campaign.items(), 7L, 1, java.time.Instant.EPOCH, 2L, java.time.Instant.EPOCH, 1,
                new Campaign.PendingRevision(2, 5, "soan-tin", java.time.Instant.EPOCH, edit), null);
        assertEquals("Tiêm chủng (sửa)", CampaignForm.of(withEdit).title());
    }
}
