package communecast.app.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link Expander} checked against an independent, brute-force expansion of the rules as CONTRACT.md defines
 * them, over random schedules of up to four months, in Asia/Ho_Chi_Minh and in two zones with daylight saving.
 *
 * <p>The reference never calls {@link Rule#timesOn} nor anything of Expander: it walks every minute of every
 * campaign day and asks, straight from the contract's wording, whether an item starts then. A local time is
 * turned into an instant exactly as {@link ZonedDateTime#of(LocalDateTime, ZoneId)} does it: a local time in a
 * spring-forward gap moves later by the length of the gap (02:30 in Berlin on the last Sunday of March airs
 * at 03:30 CEST), a local time that exists twice in the autumn overlap takes the earlier offset (02:30 CEST,
 * not 02:30 CET) and airs once, and two local times that name one instant give one start.
 *
 * <p>Quiet hours are not checked here: Expander does not apply them (they came later, in campaign.AirRules).
 */
class ExpanderTest {

    private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final int MINUTES_PER_DAY = 24 * 60;
    private static final int SCHEDULES_PER_ZONE = 200;

    // ------------------------------------------------------------------------------------------------
    // Readable examples
    // ------------------------------------------------------------------------------------------------

    @Test
    void dailyOnWeekdaysOverAMonthWithTetExcluded() {
        Expander expander = new Expander(HCM);
        // Tết Bính Ngọ: 29 Tết is Mon 2026-02-16, mùng 1 is Tue 2026-02-17; the office week 16–20 is off.
        Set<LocalDate> tet = Set.of(date("2026-02-16"), date("2026-02-17"), date("2026-02-18"),
                date("2026-02-19"), date("2026-02-20"));
        Schedule schedule = new Schedule(date("2026-02-01"), date("2026-02-28"), tet, List.of(
                new Schedule.Item(1, 11, new Rule.Daily(List.of(time("06:30"), time("17:30")),
                        EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)))));

        List<Occurrence> plan = expander.expand(schedule, local("2026-01-01T00:00", HCM), local("2026-04-01T00:00", HCM));

        // February 2026 starts on a Sunday: 4 full weeks, 20 weekdays, 2 plays each.
        assertEquals(40, plan.size());
        assertEquals(local("2026-02-02T06:30", HCM), plan.getFirst().startAt());
        assertEquals(Instant.parse("2026-02-01T23:30:00Z"), plan.getFirst().startAt(), "06:30 in Hà Nội is 23:30Z the day before");
        assertEquals(local("2026-02-27T17:30", HCM), plan.getLast().startAt());
        for (Occurrence o : plan) {
            LocalDateTime at = LocalDateTime.ofInstant(o.startAt(), HCM);
            assertTrue(at.getDayOfWeek() != SATURDAY && at.getDayOfWeek() != SUNDAY, () -> "weekend play " + at);
            assertTrue(at.toLocalTime().equals(time("06:30")) || at.toLocalTime().equals(time("17:30")), () -> "odd time " + at);
            assertEquals(1, o.itemId());
            assertEquals(11, o.mediaId());
            assertEquals(tet.contains(at.toLocalDate()), o.excluded(), () -> "excluded flag of " + at);
            if (o.excluded()) {
                assertTrue(o.excludedBecause().contains(at.toLocalDate().toString()), o.excludedBecause());
            }
        }
        assertEquals(10, plan.stream().filter(Occurrence::excluded).count());

        // After Friday 13th's evening play the next one to air is Monday 23rd: the weekend, then Tết.
        assertEquals(Optional.of(local("2026-02-23T06:30", HCM)),
                expander.nextStartAfter(schedule, local("2026-02-13T17:30", HCM)));
        assertEquals(Optional.empty(), expander.nextStartAfter(schedule, local("2026-02-27T17:30", HCM)));
    }

    @Test
    void loopEvery25MinutesFromSevenToNine() {
        Expander expander = new Expander(HCM);
        Schedule schedule = single(date("2026-03-10"), date("2026-03-10"),
                new Rule.Loop(time("07:00"), time("09:00"), 25));

        List<Instant> starts = starts(expander.expand(schedule, local("2026-03-10T00:00", HCM), local("2026-03-11T00:00", HCM)));

        // 09:05 would not be before 09:00: the window 120 min is not a multiple of 25.
        assertEquals(List.of(local("2026-03-10T07:00", HCM), local("2026-03-10T07:25", HCM), local("2026-03-10T07:50", HCM),
                local("2026-03-10T08:15", HCM), local("2026-03-10T08:40", HCM)), starts);
    }

    @Test
    void loopWhoseStepsLandExactlyOnToStopsBeforeIt() {
        Expander expander = new Expander(HCM);
        Schedule schedule = single(date("2026-03-10"), date("2026-03-10"),
                new Rule.Loop(time("07:00"), time("08:00"), 20));

        assertEquals(List.of(local("2026-03-10T07:00", HCM), local("2026-03-10T07:20", HCM), local("2026-03-10T07:40", HCM)),
                starts(expander.expand(schedule, local("2026-03-10T00:00", HCM), local("2026-03-11T00:00", HCM))));
    }

    @Test
    void onceOnTheLastDayOfTheRangeAt2359() {
        Expander expander = new Expander(HCM);
        Schedule schedule = single(date("2026-03-01"), date("2026-03-31"), new Rule.Once(dateTime("2026-03-31T23:59")));
        Instant at = local("2026-03-31T23:59", HCM);
        assertEquals(Instant.parse("2026-03-31T16:59:00Z"), at);

        List<Occurrence> all = expander.expand(schedule, local("2026-03-01T00:00", HCM), local("2026-04-01T00:00", HCM));
        assertEquals(List.of(at), starts(all));
        assertTrue(!all.getFirst().excluded());

        assertEquals(Optional.of(at), expander.nextStartAfter(schedule, at.minusSeconds(1)));
        assertEquals(Optional.of(at), expander.nextStartAfter(schedule, local("2026-02-01T00:00", HCM)));
        assertEquals(Optional.empty(), expander.nextStartAfter(schedule, at), "strictly after");
    }

    @Test
    void onceOutsideTheCampaignDatesNeverAirs() {
        Expander expander = new Expander(HCM);
        Schedule schedule = new Schedule(date("2026-03-01"), date("2026-03-31"), Set.of(), List.of(
                new Schedule.Item(1, 1, new Rule.Once(dateTime("2026-02-28T23:59"))),
                new Schedule.Item(2, 2, new Rule.Once(dateTime("2026-04-01T00:00")))));

        assertEquals(List.of(), expander.expand(schedule, local("2026-01-01T00:00", HCM), local("2026-06-01T00:00", HCM)));
        assertEquals(Optional.empty(), expander.nextStartAfter(schedule, local("2026-01-01T00:00", HCM)));
    }

    @Test
    void windowIsHalfOpenAtAStart() {
        Expander expander = new Expander(HCM);
        Schedule schedule = single(date("2026-03-01"), date("2026-03-31"),
                new Rule.Daily(List.of(time("06:30"), time("17:30")), Set.of()));
        Instant morning = local("2026-03-15T06:30", HCM);
        Instant evening = local("2026-03-15T17:30", HCM);

        assertEquals(List.of(), expander.expand(schedule, local("2026-03-15T00:00", HCM), morning), "a window ending at a start leaves it out");
        assertEquals(List.of(morning), starts(expander.expand(schedule, morning, evening)), "starts at a start: in; ends at the next: out");
        assertEquals(List.of(morning, evening), starts(expander.expand(schedule, morning, evening.plusNanos(1))));
        assertEquals(List.of(), expander.expand(schedule, morning, morning), "an empty window");
    }

    @Test
    void excludedDateOnTheRangeEdgesIsStillListedButNeverNext() {
        Expander expander = new Expander(HCM);
        Schedule schedule = new Schedule(date("2026-03-01"), date("2026-03-03"), Set.of(date("2026-03-01"), date("2026-03-03")),
                List.of(new Schedule.Item(7, 70, new Rule.Daily(List.of(time("12:00")), Set.of()))));

        List<Occurrence> plan = expander.expand(schedule, local("2026-02-01T00:00", HCM), local("2026-04-01T00:00", HCM));
        assertEquals(List.of(true, false, true), plan.stream().map(Occurrence::excluded).toList());
        assertEquals(Optional.of(local("2026-03-02T12:00", HCM)), expander.nextStartAfter(schedule, local("2026-02-01T00:00", HCM)));
        assertEquals(Optional.empty(), expander.nextStartAfter(schedule, local("2026-03-02T12:00", HCM)),
                "the last day is excluded, so nothing is left to air");
    }

    @Test
    void daylightSavingGapAndOverlapFollowZonedDateTimeOf() {
        Expander expander = new Expander(BERLIN);
        // Spring forward on Sun 2026-03-29: 02:00 CET -> 03:00 CEST. Fall back on Sun 2026-10-25: 03:00 CEST -> 02:00 CET.
        Schedule daily = single(date("2026-03-28"), date("2026-10-26"), new Rule.Daily(List.of(time("02:30")), Set.of(SUNDAY)));

        List<Instant> spring = starts(expander.expand(daily, Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")));
        assertEquals(List.of(Instant.parse("2026-03-29T01:30:00Z")), spring, "02:30 does not exist: it airs at 03:30 CEST");

        List<Instant> autumn = starts(expander.expand(daily, Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-26T00:00:00Z")));
        assertEquals(List.of(Instant.parse("2026-10-25T00:30:00Z")), autumn, "02:30 exists twice: it airs once, at 02:30 CEST");

        // A loop through the gap: 02:00 -> 03:00 CEST and 02:30 -> 03:30 CEST name the same instants as 03:00
        // and 03:30 CEST; the item airs once at each.
        Schedule loop = single(date("2026-03-29"), date("2026-03-29"), new Rule.Loop(time("01:30"), time("03:31"), 30));
        assertEquals(List.of(Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:00:00Z"),
                        Instant.parse("2026-03-29T01:30:00Z")),
                starts(expander.expand(loop, Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"))));
        // A loop through the overlap keeps its local-time spacing: 02:30 CEST, then 03:00 CET is 90 real minutes later.
        Schedule fallBack = single(date("2026-10-25"), date("2026-10-25"), new Rule.Loop(time("02:00"), time("03:01"), 30));
        assertEquals(List.of(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T00:30:00Z"),
                        Instant.parse("2026-10-25T02:00:00Z")),
                starts(expander.expand(fallBack, Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-26T00:00:00Z"))));
    }

    // ------------------------------------------------------------------------------------------------
    // Known bug: LOOP steps wrap past midnight (Rule.Loop.timesOn only stops when the wrapped time is
    // before `from`). RuleSpec accepts everyMinutes up to 1440, so these are all valid API input.
    // ------------------------------------------------------------------------------------------------

    @Test
    void loopWhoseStepWrapsPastMidnightDoesNotStartOverOnTheSameDay() {
        Expander expander = new Expander(HCM);
        // 01:00, 13:30; the next step is 02:00 the next day, which is no start of this day.
        Schedule schedule = single(date("2026-03-10"), date("2026-03-10"), new Rule.Loop(time("01:00"), time("23:00"), 750));

        assertEquals(List.of(local("2026-03-10T01:00", HCM), local("2026-03-10T13:30", HCM)),
                starts(expander.expand(schedule, local("2026-03-10T00:00", HCM), local("2026-03-11T00:00", HCM))));
    }

    @Test
    void hourlyLoopAroundTheClockEnds() {
        Expander expander = new Expander(HCM);
        // "Every hour, all day": 00:00 .. 23:00; then 23:00 + 60 min wraps to 00:00, which is not before `from`,
        // so Rule.Loop.timesOn never ends. Expander.nextStartAfter then spins forever, and expand buffers the
        // endless stream in sorted() until the heap is gone. A thread stuck like that cannot be stopped, so the
        // stream is measured first, with limit(): a day has only 1440 minutes to start in.
        Rule.Loop loop = new Rule.Loop(time("00:00"), time("23:59"), 60);
        assertEquals(24, loop.timesOn(date("2026-03-10")).limit(MINUTES_PER_DAY + 1).count(),
                "LOOP 00:00-23:59 every 60 must give 24 starts, not an endless stream");

        Schedule schedule = single(date("2026-03-10"), date("2026-03-10"), loop);
        assertEquals(Optional.of(local("2026-03-10T23:00", HCM)), expander.nextStartAfter(schedule, local("2026-03-10T22:30", HCM)));
        assertEquals(24, expander.expand(schedule, local("2026-03-10T00:00", HCM), local("2026-03-11T00:00", HCM)).size());
    }

    @Test
    void loopEvery1440MinutesEnds() {
        Expander expander = new Expander(HCM);
        // RuleSpec accepts everyMinutes = 1440 ("between 1 and 1440"); 07:00 + 1440 min is 07:00 again, forever.
        Rule.Loop loop = new Rule.Loop(time("07:00"), time("09:00"), 1440);
        assertEquals(1, loop.timesOn(date("2026-03-10")).limit(MINUTES_PER_DAY + 1).count(),
                "LOOP 07:00-09:00 every 1440 must give one start, not an endless stream");

        Schedule schedule = single(date("2026-03-10"), date("2026-03-10"), loop);
        assertEquals(Optional.of(local("2026-03-10T07:00", HCM)), expander.nextStartAfter(schedule, local("2026-03-10T00:00", HCM)));
    }

    // ------------------------------------------------------------------------------------------------
    // Property: Expander == reference, for random schedules and windows
    // ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Ho_Chi_Minh", "Europe/Berlin", "America/New_York"})
    void matchesBruteForceReference(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Random random = new Random(20260215L ^ zoneId.hashCode());
        Expander expander = new Expander(zone);
        List<LocalDate> transitions = transitionDates(zone);
        int compared = 0;
        int dstSchedules = 0;
        for (int n = 0; n < SCHEDULES_PER_ZONE; n++) {
            Schedule schedule = randomSchedule(random, transitions);
            List<Ref> reference = referenceExpansion(schedule, zone);
            if (transitions.stream().anyMatch(d -> !d.isBefore(schedule.startDate()) && !d.isAfter(schedule.endDate()))) {
                dstSchedules++;
            }
            String what = "schedule #" + n + " in " + zone + ": " + schedule;

            for (Instant[] window : randomWindows(random, schedule, reference, zone)) {
                Instant from = window[0];
                Instant to = window[1];
                List<Ref> expected = reference.stream()
                        .filter(r -> !r.startAt().isBefore(from) && r.startAt().isBefore(to)).toList();
                List<Ref> actual = expander.expand(schedule, from, to).stream().map(Ref::of).toList();
                assertSameRefs(expected, actual, () -> what + "\n window [" + from + ", " + to + ")");
                compared++;
            }
            for (Instant after : randomInstants(random, schedule, reference, zone)) {
                Optional<Instant> expected = reference.stream()
                        .filter(r -> !r.excluded() && r.startAt().isAfter(after)).map(Ref::startAt).findFirst();
                assertEquals(expected, expander.nextStartAfter(schedule, after), () -> what + "\n nextStartAfter " + after);
                compared++;
            }
        }
        assertTrue(compared > 10 * SCHEDULES_PER_ZONE, "compared " + compared);
        if (!transitions.isEmpty()) {
            assertTrue(dstSchedules > SCHEDULES_PER_ZONE / 5, "only " + dstSchedules + " schedules span a DST change");
        }
    }

    /** Also checks the reference itself on the contract's own example, so a wrong reference cannot agree by luck. */
    @Test
    void referenceFollowsTheContractExample() {
        Schedule schedule = single(date("2026-03-15"), date("2026-03-15"), new Rule.Loop(time("07:00"), time("21:00"), 15));
        List<Ref> refs = referenceExpansion(schedule, HCM);
        assertEquals(56, refs.size(), "07:00 .. 20:45 every 15 min");
        assertEquals(local("2026-03-15T07:00", HCM), refs.getFirst().startAt());
        assertEquals(local("2026-03-15T20:45", HCM), refs.getLast().startAt());
    }

    // ------------------------------------------------------------------------------------------------
    // The reference expansion: every minute of every campaign day, decided by the contract's definition.
    // ------------------------------------------------------------------------------------------------

    /** One start as the test compares it. */
    record Ref(Instant startAt, long itemId, long mediaId, boolean excluded) {
        static Ref of(Occurrence o) {
            return new Ref(o.startAt(), o.itemId(), o.mediaId(), o.excluded());
        }
    }

    private static final Comparator<Ref> ORDER = Comparator.comparing(Ref::startAt).thenComparingLong(Ref::itemId);

    static List<Ref> referenceExpansion(Schedule schedule, ZoneId zone) {
        List<Ref> refs = new ArrayList<>();
        for (LocalDate day = schedule.startDate(); !day.isAfter(schedule.endDate()); day = day.plusDays(1)) {
            boolean excluded = schedule.excludedDates().contains(day);
            LocalDate today = day;
            List<Schedule.Item> candidates = schedule.items().stream().filter(i -> mayStartOn(i.rule(), today)).toList();
            for (int minute = 0; minute < MINUTES_PER_DAY && !candidates.isEmpty(); minute++) {
                LocalTime time = MINUTES[minute];
                for (Schedule.Item item : candidates) {
                    if (startsAt(item.rule(), day, time)) {
                        // Gap: later by the gap's length; overlap: the earlier offset (ZonedDateTime.of's rules).
                        Instant at = ZonedDateTime.of(day.atTime(time), zone).toInstant();
                        refs.add(new Ref(at, item.itemId(), item.mediaId(), excluded));
                    }
                }
            }
        }
        refs.sort(ORDER);
        // An item starts at most once at one instant, however many local times name it.
        return refs.stream().distinct().toList();
    }

    private static final LocalTime[] MINUTES = new LocalTime[MINUTES_PER_DAY];

    static {
        for (int m = 0; m < MINUTES_PER_DAY; m++) {
            MINUTES[m] = LocalTime.of(m / 60, m % 60);
        }
    }

    /** A shortcut only, to keep the minute walk fast: false when the rule cannot start on this day at all. */
    private static boolean mayStartOn(Rule rule, LocalDate day) {
        return switch (rule) {
            case Rule.Once once -> once.at().toLocalDate().equals(day);
            case Rule.Daily daily -> daily.daysOfWeek().isEmpty() || daily.daysOfWeek().contains(day.getDayOfWeek());
            case Rule.Loop loop -> true;
        };
    }

    /** Does the rule start a play at this local minute of this day? Straight from CONTRACT.md, one case per rule. */
    static boolean startsAt(Rule rule, LocalDate day, LocalTime time) {
        return switch (rule) {
            // ONCE: at that local date-time (the campaign's dates are applied by the caller's day walk).
            case Rule.Once once -> once.at().toLocalTime().equals(time) && once.at().toLocalDate().equals(day);
            // DAILY: at each listed time, on the listed weekdays, or every day when none are listed.
            case Rule.Daily daily -> daily.times().contains(time)
                    && (daily.daysOfWeek().isEmpty() || daily.daysOfWeek().contains(day.getDayOfWeek()));
            // LOOP: from `from`, then every `everyMinutes`, while the start is before `to` (all on that day).
            case Rule.Loop loop -> {
                int m = minuteOf(time);
                int from = minuteOf(loop.from());
                yield m >= from && time.isBefore(loop.to()) && (m - from) % loop.everyMinutes() == 0;
            }
        };
    }

    private static int minuteOf(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    private static void assertSameRefs(List<Ref> expected, List<Ref> actual, Supplier<String> what) {
        if (expected.equals(actual)) {
            return;
        }
        // Same starts in another order among equal (instant, itemId) would still be equal above, so a
        // difference here is real; show the first one.
        int i = 0;
        while (i < expected.size() && i < actual.size() && expected.get(i).equals(actual.get(i))) {
            i++;
        }
        fail(what.get() + "\n expected " + expected.size() + " starts, got " + actual.size()
                + "; first difference at #" + i + ": expected " + (i < expected.size() ? expected.get(i) : "nothing")
                + ", got " + (i < actual.size() ? actual.get(i) : "nothing"));
    }

    // ------------------------------------------------------------------------------------------------
    // Random schedules, windows and instants
    // ------------------------------------------------------------------------------------------------

    private static final LocalDate EARLIEST = date("2025-01-01");

    private static Schedule randomSchedule(Random random, List<LocalDate> transitions) {
        LocalDate start;
        if (!transitions.isEmpty() && random.nextInt(10) < 4) {
            // Around a daylight-saving change, often right on it.
            LocalDate change = transitions.get(random.nextInt(transitions.size()));
            start = random.nextInt(4) == 0 ? change : change.minusDays(random.nextInt(60));
        } else {
            start = EARLIEST.plusDays(random.nextInt(3 * 365));
        }
        int length = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> random.nextInt(3);
            default -> random.nextInt(121);
        };
        LocalDate end = start.plusDays(length);

        Set<LocalDate> excluded = new HashSet<>();
        int excludedCount = random.nextInt(4) == 0 ? 0 : random.nextInt(9);
        for (int i = 0; i < excludedCount; i++) {
            excluded.add(start.plusDays(random.nextInt(length + 11) - 5)); // some just outside the range
        }
        if (random.nextInt(5) == 0) {
            excluded.add(start);
        }
        if (random.nextInt(5) == 0) {
            excluded.add(end);
        }

        List<Schedule.Item> items = new ArrayList<>();
        int itemCount = 1 + random.nextInt(5);
        for (int i = 0; i < itemCount; i++) {
            items.add(new Schedule.Item(100 + i, 1 + random.nextInt(3), randomRule(random, start, end)));
        }
        return new Schedule(start, end, Set.copyOf(excluded), List.copyOf(items));
    }

    private static Rule randomRule(Random random, LocalDate start, LocalDate end) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                long length = ChronoUnit.DAYS.between(start, end);
                LocalDateTime at = switch (random.nextInt(7)) {
                    case 0 -> start.atStartOfDay();                       // first minute of the range
                    case 1 -> end.atTime(23, 59);                         // last minute of the range
                    case 2 -> start.minusDays(1).atTime(23, 59);          // just before it
                    case 3 -> end.plusDays(1).atStartOfDay();             // just after it
                    case 4 -> start.plusDays(random.nextInt(40) - 50).atTime(randomTime(random)); // well outside
                    default -> start.plusDays(random.nextLong(length + 1)).atTime(randomTime(random));
                };
                yield new Rule.Once(at);
            }
            case 1 -> {
                TreeSet<LocalTime> times = new TreeSet<>();
                int count = 1 + random.nextInt(4);
                while (times.size() < count) {
                    times.add(randomTime(random));
                }
                yield new Rule.Daily(List.copyOf(times), randomDays(random));
            }
            default -> randomLoop(random);
        };
    }

    private static Rule.Loop randomLoop(Random random) {
        while (true) {
            int from = minuteOf(randomTime(random));
            if (from == MINUTES_PER_DAY - 1) {
                continue;
            }
            int to = switch (random.nextInt(4)) {
                case 0 -> MINUTES_PER_DAY - 1;                            // to 23:59
                case 1 -> Math.min(MINUTES_PER_DAY - 1, from + 1 + random.nextInt(60));
                default -> from + 1 + random.nextInt(MINUTES_PER_DAY - 1 - from);
            };
            int every = switch (random.nextInt(6)) {
                case 0 -> random.nextBoolean() ? 1 + random.nextInt(5) : 6 + random.nextInt(25);
                case 1 -> Math.max(1, to - from);                         // exactly one start
                case 2 -> to - from + 1 + random.nextInt(60);             // longer than the window
                case 3 -> 1 + random.nextInt(MINUTES_PER_DAY);            // anything RuleSpec accepts
                default -> 5 + random.nextInt(176);                       // 5..180, mostly not dividing the window
            };
            every = Math.min(every, MINUTES_PER_DAY);
            return new Rule.Loop(LocalTime.of(from / 60, from % 60), LocalTime.of(to / 60, to % 60), every);
        }
    }

    private static LocalTime randomTime(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> LocalTime.MIDNIGHT;
            case 1 -> LocalTime.of(23, 59);
            case 2, 3 -> LocalTime.of(random.nextInt(4), random.nextInt(60)); // 00:00–03:59: DST gaps and overlaps
            default -> LocalTime.of(random.nextInt(24), random.nextInt(60));
        };
    }

    private static Set<DayOfWeek> randomDays(Random random) {
        if (random.nextInt(3) == 0) {
            return Set.of();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (random.nextBoolean()) {
                days.add(d);
            }
        }
        return days.isEmpty() ? Set.of(DayOfWeek.of(1 + random.nextInt(7))) : days;
    }

    private static List<Instant[]> randomWindows(Random random, Schedule schedule, List<Ref> reference, ZoneId zone) {
        Instant before = schedule.startDate().minusDays(3).atStartOfDay(zone).toInstant();
        Instant after = schedule.endDate().plusDays(4).atStartOfDay(zone).toInstant();
        List<Instant[]> windows = new ArrayList<>();
        windows.add(new Instant[]{before, after});                                                   // everything
        windows.add(new Instant[]{schedule.startDate().atStartOfDay(zone).toInstant(),
                schedule.endDate().plusDays(1).atStartOfDay(zone).toInstant()});                     // exactly the dates
        windows.add(new Instant[]{before.minus(Duration.ofDays(30)), before});                       // before the campaign
        windows.add(new Instant[]{after, after.plus(Duration.ofDays(30))});                          // after it
        for (int i = 0; i < 6; i++) {
            Instant a = randomInstant(random, before, after);
            Instant b = random.nextBoolean() ? randomInstant(random, before, after)
                    : a.plus(Duration.ofMinutes(random.nextInt(6 * 60)));                            // a few hours mid-day
            windows.add(a.isAfter(b) ? new Instant[]{b, a} : new Instant[]{a, b});
        }
        if (!reference.isEmpty()) {
            Ref one = reference.get(random.nextInt(reference.size()));
            Ref other = reference.get(random.nextInt(reference.size()));
            Instant lo = one.startAt().isBefore(other.startAt()) ? one.startAt() : other.startAt();
            Instant hi = one.startAt().isBefore(other.startAt()) ? other.startAt() : one.startAt();
            windows.add(new Instant[]{lo, hi});                                                      // from and to on plays
            windows.add(new Instant[]{lo, lo});                                                      // empty, on a play
            windows.add(new Instant[]{lo.minusNanos(1), lo.plusNanos(1)});
            windows.add(new Instant[]{hi.plusSeconds(1), hi.plus(Duration.ofDays(2))});
        }
        windows.add(new Instant[]{after, before});                                                   // backwards: nothing
        return windows;
    }

    private static List<Instant> randomInstants(Random random, Schedule schedule, List<Ref> reference, ZoneId zone) {
        Instant before = schedule.startDate().minusDays(3).atStartOfDay(zone).toInstant();
        Instant after = schedule.endDate().plusDays(4).atStartOfDay(zone).toInstant();
        List<Instant> instants = new ArrayList<>(List.of(before.minus(Duration.ofDays(400)), before, after,
                schedule.startDate().atStartOfDay(zone).toInstant(), schedule.endDate().atTime(23, 59, 59).atZone(zone).toInstant()));
        for (int i = 0; i < 5; i++) {
            instants.add(randomInstant(random, before, after));
        }
        for (int i = 0; i < 3 && !reference.isEmpty(); i++) {
            Ref r = reference.get(random.nextInt(reference.size()));
            instants.add(r.startAt());                 // exactly on a play: strictly after it
            instants.add(r.startAt().minusNanos(1));
        }
        return instants;
    }

    private static Instant randomInstant(Random random, Instant from, Instant to) {
        long span = Duration.between(from, to).toMinutes();
        Instant at = from.plus(Duration.ofMinutes(random.nextLong(span + 1)));
        return random.nextInt(3) == 0 ? at.plusSeconds(random.nextInt(60)) : at;
    }

    /** Local dates of the zone's offset changes in the years the generator uses. */
    private static List<LocalDate> transitionDates(ZoneId zone) {
        List<LocalDate> dates = new ArrayList<>();
        Instant t = EARLIEST.atStartOfDay(zone).toInstant();
        Instant stop = EARLIEST.plusYears(4).atStartOfDay(zone).toInstant();
        for (ZoneOffsetTransition tr = zone.getRules().nextTransition(t); tr != null && tr.getInstant().isBefore(stop);
             tr = zone.getRules().nextTransition(tr.getInstant())) {
            dates.add(tr.getDateTimeBefore().toLocalDate());
        }
        return dates;
    }

    // ------------------------------------------------------------------------------------------------

    private static Schedule single(LocalDate start, LocalDate end, Rule rule) {
        return new Schedule(start, end, Set.of(), List.of(new Schedule.Item(1, 1, rule)));
    }

    private static List<Instant> starts(List<Occurrence> occurrences) {
        assertNotNull(occurrences);
        return occurrences.stream().map(Occurrence::startAt).toList();
    }

    private static LocalDate date(String s) {
        return LocalDate.parse(s);
    }

    private static LocalTime time(String s) {
        return LocalTime.parse(s);
    }

    private static LocalDateTime dateTime(String s) {
        return LocalDateTime.parse(s);
    }

    private static Instant local(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }
}
