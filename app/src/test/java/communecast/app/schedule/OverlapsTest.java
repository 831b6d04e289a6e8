package communecast.app.schedule;

import communecast.media.testing.OverlapCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The replay of the overlap rule against the table of cases in docs/protocol.md, "Overlapping plays" (the agent's
 * stage is held to the same rows by the agent's StageTableTest).
 */
class OverlapsTest {
    private static final Instant TEN = Instant.parse("2026-12-07T10:00:00Z");

    @TestFactory
    Stream<DynamicTest> everyCaseOfTheProtocolTable() throws IOException {
        return OverlapCases.read().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertEquals(c.expected(), described(c))));
    }

    @Test
    void theOrderInDoesNotMatter() throws IOException {
        for (OverlapCases.Case c : OverlapCases.read()) {
            List<Overlaps.Slot> slots = new ArrayList<>(slots(c).values());
            assertEquals(Overlaps.resolve(slots), Overlaps.resolve(slots.reversed()), c.name());
        }
    }

    @Test
    void theFirstPlayThatHadToWaitIsTheOneNamedOnThePlayOnAir() {
        Overlaps.Slot a = slot(1, 0, 60);
        Overlaps.Slot b = slot(2, 10, 10);
        Overlaps.Slot c = slot(3, 20, 10);
        Map<Overlaps.Slot, Overlaps.Outcome> outcomes = Overlaps.resolve(List.of(c, b, a));
        assertEquals(b, outcomes.get(a).waiter());
        assertNull(outcomes.get(b).waiter(), "B never aired: A held the device past its latest start");
        assertEquals(Overlaps.Kind.DROPPED, outcomes.get(c).kind());
    }

    @Test
    void aPlayOfUnknownLengthTakesItsInstantAndIsNotEndedBackToBack() {
        Overlaps.Slot unknown = slot(1, 0, 0);
        Overlaps.Slot next = slot(2, 0, 20);
        Overlaps.Outcome outcome = Overlaps.resolve(List.of(unknown, next)).get(next);
        assertEquals(Overlaps.Kind.WAITS, outcome.kind());
        assertEquals(unknown, outcome.other());
        assertEquals(TEN.plusMillis(1), outcome.startsAt());
    }

    /** A NORMAL play of campaign {@code campaign}, {@code second} s after 10:00 for {@code seconds} s. */
    private static Overlaps.Slot slot(long campaign, long second, long seconds) {
        return new Overlaps.Slot(campaign, 0, Level.NORMAL, TEN.plusSeconds(second), TEN.plusSeconds(second + seconds), null);
    }

    /** The row's plays as slots, by name. */
    private static Map<String, Overlaps.Slot> slots(OverlapCases.Case c) {
        Map<String, Overlaps.Slot> slots = new LinkedHashMap<>();
        for (OverlapCases.Play p : c.plays()) {
            slots.put(p.name(), new Overlaps.Slot(p.campaignId(), p.order(), Level.valueOf(p.level()), p.startAt(),
                    p.startAt().plusMillis(p.lengthMs()), p.playUntil()));
        }
        return slots;
    }

    /** Each play's outcome in the table's words, in the order the table lists them. */
    private static Map<String, String> described(OverlapCases.Case c) {
        Map<String, Overlaps.Slot> slots = slots(c);
        Map<Overlaps.Slot, String> names = new LinkedHashMap<>();
        slots.forEach((name, slot) -> names.put(slot, name));
        Map<Overlaps.Slot, Overlaps.Outcome> outcomes = Overlaps.resolve(List.copyOf(slots.values()));
        assertEquals(slots.keySet(), c.expected().keySet(), "the table says what becomes of every play: " + c.name());
        assertEquals(slots.size(), outcomes.size(), "every play has one outcome: " + c.name());
        Map<String, String> described = new LinkedHashMap<>();
        for (String name : c.expected().keySet()) {
            Overlaps.Outcome o = outcomes.get(slots.get(name));
            String fate = switch (o.kind()) {
                case CLEAR -> "clear";
                case CUTS -> "cuts " + names.get(o.other());
                case WAITS -> "waits for " + names.get(o.other()) + " from " + OverlapCases.time(o.startsAt());
                case DROPPED -> "dropped behind " + names.get(o.other());
            };
            described.put(name, fate + (o.cutBy() == null ? "" : ", cut by " + names.get(o.cutBy())));
        }
        return described;
    }
}
