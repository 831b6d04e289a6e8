package communecast.app.schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What airs where, when, at fixed instants: no server, no database, only the rules and the facts given. */
class AiringsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 10);
    private static final Airings AIRINGS = new Airings(new Expander(ZONE), ZONE);
    private static final Target RADIO = new Target(1, true, 100);
    private static final Target SCREEN = new Target(2, false, 100);
    private static final MediaFacts BULLETIN = new MediaFacts(7, 90_000, true);
    private static final MediaFacts SILENT_VIDEO = new MediaFacts(8, 30_000, false);
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(5, 0));

    @Test
    void quietHoursAcrossMidnightKeepLoudspeakersSilentButNotScreens() {
        CampaignRules rules = rules(Level.NORMAL, daily("21:58", "21:59", "22:00", "04:59", "05:00"), DAY, DAY.plusDays(1), Set.of(), RADIO, SCREEN);
        List<Airing> airings = airings(rules, start(DAY), start(DAY.plusDays(2)));
        // The window wraps past midnight: 04:59 is still inside it, 05:00 is not, 22:00 is again; the 90 s bulletin
        // at 21:59 would still sound at 22:00.
        assertEquals(List.of("04:59 quiet hours 22:00–05:00", "05:00 PLANNED", "21:58 PLANNED", "21:59 would run into quiet hours 22:00–05:00",
                "22:00 quiet hours 22:00–05:00"), on(airings, RADIO).subList(0, 5));
        assertTrue(on(airings, SCREEN).stream().allMatch(s -> s.endsWith("PLANNED")), "a screen has no quiet hours: " + on(airings, SCREEN));
    }

    @Test
    void anEmergencyIgnoresQuietHours() {
        CampaignRules rules = rules(Level.EMERGENCY, daily("23:00"), DAY, DAY, Set.of(), RADIO);
        assertEquals(List.of("23:00 PLANNED"), on(airings(rules, start(DAY), start(DAY.plusDays(1))), RADIO));
    }

    @Test
    void aLoopStopsAtTheEndOfItsWindow() {
        CampaignRules rules = rules(Level.NORMAL, new Rule.Loop(LocalTime.of(6, 0), LocalTime.of(6, 50), 20), DAY, DAY, Set.of(), RADIO);
        // 06:00, 06:20, 06:40: the one at 07:00 would start past "to"; the 06:40 one runs past it, as it may.
        List<Airing> airings = airings(rules, start(DAY), start(DAY.plusDays(1)));
        assertEquals(List.of("06:00 PLANNED", "06:20 PLANNED", "06:40 PLANNED"), on(airings, RADIO));
        assertEquals(airings.getLast().startAt().plusMillis(90_000), airings.getLast().endAt());
    }

    @Test
    void anExcludedDateIsListedWithItsReason() {
        CampaignRules rules = rules(Level.NORMAL, daily("06:30"), DAY, DAY.plusDays(2), Set.of(DAY.plusDays(1)), RADIO);
        assertEquals(List.of("06:30 PLANNED", "06:30 excluded date " + DAY.plusDays(1), "06:30 PLANNED"),
                on(airings(rules, start(DAY), start(DAY.plusDays(3))), RADIO));
    }

    @Test
    void aMediumWithoutSoundIsNoPlayOnALoudspeakerAndAMissingOneIsExcludedEverywhere() {
        Schedule schedule = new Schedule(DAY, DAY, Set.of(), List.of(new Schedule.Item(1, SILENT_VIDEO.mediaId(), daily("08:00")),
                new Schedule.Item(2, 99, daily("09:00"))));
        CampaignRules rules = new CampaignRules(5, Level.NORMAL, schedule, List.of(RADIO, SCREEN), Map.of(SILENT_VIDEO.mediaId(), SILENT_VIDEO),
                Map.of(100L, NIGHT), List.of());
        List<Airing> airings = airings(rules, start(DAY), start(DAY.plusDays(1)));
        assertEquals(List.of("09:00 medium 99 not found"), on(airings, RADIO));
        assertEquals(List.of("08:00 PLANNED", "09:00 medium 99 not found"), on(airings, SCREEN));
    }

    @Test
    void onlyTheRangeAsked() {
        CampaignRules rules = rules(Level.NORMAL, daily("06:30", "17:30"), DAY, DAY.plusDays(5), Set.of(), RADIO);
        Instant from = DAY.plusDays(1).atTime(12, 0).atZone(ZONE).toInstant();
        List<Airing> airings = airings(rules, from, from.plusSeconds(24 * 3600));
        assertEquals(List.of(LocalDateTime.of(DAY.plusDays(1), LocalTime.of(17, 30)), LocalDateTime.of(DAY.plusDays(2), LocalTime.of(6, 30))),
                airings.stream().map(a -> LocalDateTime.ofInstant(a.startAt(), ZONE)).toList());
    }

    @Test
    void aCampaignTheCommunePutSecondGoesRightAfterTheFirstOnItsDevicesOnly() {
        CampaignRules province = new CampaignRules(9, Level.PRIORITY, new Schedule(DAY, DAY, Set.of(),
                List.of(new Schedule.Item(3, BULLETIN.mediaId(), daily("06:29:30", "21:58")))), List.of(RADIO, SCREEN),
                Map.of(BULLETIN.mediaId(), BULLETIN), Map.of(100L, NIGHT), List.of());
        Follow afterProvince = new Follow(province, "Bản tin tỉnh", Set.of(RADIO.deviceId()));
        CampaignRules national = new CampaignRules(5, Level.PRIORITY, new Schedule(DAY, DAY, Set.of(),
                List.of(new Schedule.Item(1, BULLETIN.mediaId(), daily("06:30", "12:00", "21:59")))), List.of(RADIO, SCREEN),
                Map.of(BULLETIN.mediaId(), BULLETIN), Map.of(100L, NIGHT), List.of(afterProvince));
        List<Airing> airings = airings(national, start(DAY), start(DAY.plusDays(1)));
        // 06:30 meets the province's 06:29:30 bulletin (90 s): it starts when that ends; 12:00 meets nothing; 21:59
        // would start at 21:59:30, and 90 s from then runs into the quiet hours.
        assertEquals(List.of("06:31 PLANNED", "12:00 PLANNED", "21:59:30 due at 21:59, moved after «Bản tin tỉnh»: the order the commune picked; "
                + "would run into quiet hours 22:00–05:00"), on(airings, RADIO));
        Airing moved = airings.stream().filter(a -> a.deviceId() == RADIO.deviceId()).findFirst().orElseThrow();
        assertEquals(DAY.atTime(6, 31).atZone(ZONE).toInstant(), moved.startAt());
        assertEquals("due at 06:30, moved after «Bản tin tỉnh»: the order the commune picked", moved.reason());
        assertEquals(List.of("06:30 PLANNED", "12:00 PLANNED", "21:59 PLANNED"), on(airings, SCREEN), "the commune's order is for its loudspeaker only");
    }

    /** Every airing of the rules in [from, to), in order. */
    private static List<Airing> airings(CampaignRules rules, Instant from, Instant to) {
        List<Airing> airings = new ArrayList<>();
        AIRINGS.each(rules, AIRINGS.starts(rules.schedule(), from, to), airings::add);
        return airings;
    }

    private static Rule daily(String... times) {
        return new Rule.Daily(Arrays.stream(times).map(LocalTime::parse).sorted().toList(), Set.of());
    }

    private static CampaignRules rules(Level level, Rule rule, LocalDate from, LocalDate to, Set<LocalDate> excluded, Target... targets) {
        Schedule schedule = new Schedule(from, to, excluded, List.of(new Schedule.Item(1, BULLETIN.mediaId(), rule)));
        return new CampaignRules(5, level, schedule, List.of(targets), Map.of(BULLETIN.mediaId(), BULLETIN), Map.of(100L, NIGHT), List.of());
    }

    /** "HH:mm STATUS-or-reason" of each airing on the target, in time order. */
    private static List<String> on(List<Airing> airings, Target target) {
        return airings.stream().filter(a -> a.deviceId() == target.deviceId())
                .map(a -> LocalTime.ofInstant(a.startAt(), ZONE) + " " + (a.planned() ? "PLANNED" : a.excludedBecause())).toList();
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }
}
