package communecast.agent.player;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Json;
import communecast.agent.TestOrders;
import communecast.agent.orders.Order;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.Report;
import communecast.media.MediaKind;
import communecast.media.testing.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Real processes around real plays: a script the test writes stands in for the amplifier's relay. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in relay is a shell script")
class PlayHooksTest {

    @TempDir
    Path dir;

    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);
    private static final Duration SHORT = Duration.ofMillis(400);

    /** The relay script's log line: "on" or "off", and when, in epoch milliseconds. */
    private record Switch(String state, Instant at) {
    }

    private final ObjectMapper mapper = Json.mapper();
    private final Clock clock = Clock.systemDefaultZone();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<Player> players = new ArrayList<>();
    private Outbox outbox;
    private Path twoSeconds;
    private Path short400;
    private Path relay;
    private Path switches;

    @BeforeEach
    void setUp() throws IOException {
        outbox = new Outbox(database());
        twoSeconds = TestMedia.tone(dir.resolve("two-seconds.wav"), TWO_SECONDS, 440);
        short400 = TestMedia.tone(dir.resolve("short.wav"), SHORT, 880);
        switches = dir.resolve("switches.log");
        relay = script("relay", "echo \"$1 $(date +%s%3N)\" >> '" + switches + "'");
        log.start();
        hookLogger().addAppender(log);
    }

    @AfterEach
    void stop() {
        databases.close();
        players.forEach(Player::close);
        scheduler.shutdownNow();
        hookLogger().detachAppender(log);
    }

    @Test
    void switchesOnTheLeadBeforeThePlayAndOffWhenItEnds() {
        Order order = TestOrders.audio(1, clock.instant().plusMillis(2500));

        player((o, deadline) -> twoSeconds, relayHooks(Duration.ofSeconds(1))).schedule(order);

        Report played = awaitReport("1:PLAYED");
        await().atMost(Duration.ofSeconds(3)).until(() -> switches().size() == 2);
        List<Switch> both = switches();
        assertEquals(List.of("on", "off"), both.stream().map(Switch::state).toList());
        long onAhead = Duration.between(both.get(0).at(), order.startAt().toInstant()).toMillis();
        assertTrue(Math.abs(onAhead - 1000) <= 300, "on " + onAhead + " ms before the start");
        long offAfter = Duration.between(played.endedAt().toInstant(), both.get(1).at()).toMillis();
        assertTrue(offAfter >= 0 && offAfter <= 500, "off " + offAfter + " ms after the end");
    }

    @Test
    void aPlayThatFailsSwitchesOffToo() {
        Player player = player((o, deadline) -> {
            // As a download still failing at air time does.
            await().atMost(Duration.ofSeconds(3)).until(() -> !clock.instant().isBefore(deadline));
            throw new MediaNotReadyException("download failed (HTTP 503)");
        }, relayHooks(Duration.ofSeconds(1)));
        player.schedule(TestOrders.audio(2, clock.instant().plusMillis(1500)));

        awaitReport("2:FAILED");
        assertSwitches(player, "on", "off");
    }

    @Test
    void anOrderAlreadyTooLateSwitchesNothing() {
        Player player = player((o, deadline) -> twoSeconds, relayHooks(Duration.ofSeconds(1)));
        player.schedule(TestOrders.audio(3, clock.instant().minusSeconds(60)));

        awaitReport("3:MISSED");
        player.close();
        assertEquals(List.of(), switches());
    }

    @Test
    void aPlayCutByAHigherLevelLeavesTheRelayOnForTheOneThatCutIt() {
        Instant first = clock.instant().plusMillis(1500);
        Player player = player((o, deadline) -> twoSeconds, relayHooks(Duration.ofSeconds(1)));
        player.schedule(order(6, first, "NORMAL", TWO_SECONDS));
        player.schedule(order(7, first.plusMillis(1000), "EMERGENCY", TWO_SECONDS));

        awaitReport("6:PREEMPTED");
        Report emergency = awaitReport("7:PLAYED");
        assertSwitches(player, "on", "off");
        assertFalse(switches().get(1).at().isBefore(emergency.endedAt().toInstant().minusMillis(5)),
                "off only once the emergency ended");
    }

    @Test
    void playsCloserThanTheLeadShareOnePairWhileALaterOneGetsItsOwn() {
        Instant first = clock.instant().plusMillis(1500);
        Player player = player((o, deadline) -> short400, relayHooks(Duration.ofSeconds(1)));
        player.schedule(order(6, first, "NORMAL", SHORT));
        // 0.5 s after order 6 ends, within the lead: the relay stays on.
        player.schedule(order(7, first.plusMillis(900), "NORMAL", SHORT));
        // 1.5 s after order 7 ends, beyond the lead: off, then on again for it.
        player.schedule(order(8, first.plusMillis(2800), "NORMAL", SHORT));

        Report seventh = awaitReport("7:PLAYED");
        awaitReport("8:PLAYED");
        assertSwitches(player, "on", "off", "on", "off");
        assertFalse(switches().get(1).at().isBefore(seventh.endedAt().toInstant().minusMillis(5)),
                "off only once order 7 ended");
    }

    @Test
    void aPlayWithdrawnWithinItsLeadSwitchesOffAgain() {
        Player player = player((o, deadline) -> twoSeconds, relayHooks(Duration.ofSeconds(2)));
        player.schedule(TestOrders.audio(4, clock.instant().plusMillis(3000)));
        await().atMost(Duration.ofSeconds(3)).until(() -> switches().size() == 1);

        assertTrue(player.withdraw(4));

        assertSwitches(player, "on", "off");
        assertEquals(List.of(), outbox.pending());
    }

    @Test
    void anAgentStoppingDuringAPlaySwitchesOff() {
        Player player = player((o, deadline) -> twoSeconds, relayHooks(Duration.ofSeconds(1)));
        player.schedule(TestOrders.audio(5, clock.instant().plusMillis(1500)));
        awaitReport("5:PLAYING");

        player.close();

        assertEquals(List.of("on", "off"), switches().stream().map(Switch::state).toList(),
                "close waits for the after-play command");
        assertEquals(Reporting.STOPPED_DURING_PLAY, awaitReport("5:FAILED").reason());
    }

    @Test
    void aHangingCommandIsKilledAndAMissingOneIsLoggedWhileThePlayGoesOutOnTime() throws IOException {
        Path pid = dir.resolve("hang.pid");
        Path hang = script("hang", "echo $$ > '" + pid + "'\nexec sleep 60");
        PlayHooks.Settings hooks = new PlayHooks.Settings(List.of(hang.toString()), Duration.ofSeconds(1),
                List.of(dir.resolve("no-such-relay").toString(), "off"), Duration.ofMillis(500));
        Order order = TestOrders.audio(9, clock.instant().plusMillis(1500));

        player((o, deadline) -> twoSeconds, hooks).schedule(order);

        await().atMost(Duration.ofSeconds(2)).until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());
        long hanging = Long.parseLong(Files.readString(pid).strip());
        await().atMost(Duration.ofSeconds(2)).until(() -> !ProcessHandle.of(hanging).map(ProcessHandle::isAlive)
                .orElse(false));
        Report played = awaitReport("9:PLAYED");
        long lateBy = Duration.between(order.startAt(), played.startedAt()).toMillis();
        assertTrue(Math.abs(lateBy) <= 100, "started " + lateBy + " ms off its air time");
        await().atMost(Duration.ofSeconds(2)).until(() -> warnings().size() == 2);
        assertTrue(warnings().get(0).contains("did not finish within 500 ms: killed"), warnings().get(0));
        assertTrue(warnings().get(1).startsWith("after-play for order 9 [" + dir.resolve("no-such-relay")
                + ", off] could not run: "), warnings().get(1));
    }

    @Test
    void argumentsReachTheProgramUntouchedAndWhatItPrintsIsLogged() throws IOException {
        Path echo = script("echo-args", "printf '%s|' \"$@\"\necho\necho 'relay busy' >&2\nexit 3");

        new HookCommand("before-play for order 1", List.of(echo.toString(), "a;b", "$HOME", "*"),
                Duration.ofSeconds(5)).run();

        List<ILoggingEvent> events = events();
        assertEquals(1, events.size());
        assertEquals(Level.WARN, events.get(0).getLevel());
        assertEquals("before-play for order 1 [" + echo + ", a;b, $HOME, *] failed with exit code 3: a;b|$HOME|*|\n"
                + "relay busy", events.get(0).getFormattedMessage());
    }

    @Test
    void aCommandThatSucceedsIsLoggedAsInfo() throws IOException {
        Path ok = script("ok", "echo 'relay 1 on'");

        new HookCommand("before-play for order 1", List.of(ok.toString()), Duration.ofSeconds(5)).run();

        List<ILoggingEvent> events = events();
        assertEquals(Level.INFO, events.get(0).getLevel());
        assertEquals("before-play for order 1 [" + ok + "] done: relay 1 on", events.get(0).getFormattedMessage());
    }

    private Player player(MediaSource media, PlayHooks.Settings hooks) {
        Reporting reporting = new Reporting(database(), new PlayJournal(database(), clock), outbox, clock);
        Player player = new Player(clock, media, NullOutput.factory(), reporting, scheduler,
                new Player.Settings(Duration.ofMillis(1500), Duration.ofSeconds(30)), orderId -> { },
                new PlayHooks(hooks));
        players.add(player);
        return player;
    }

    private PlayHooks.Settings relayHooks(Duration lead) {
        return new PlayHooks.Settings(List.of(relay.toString(), "on"), lead, List.of(relay.toString(), "off"),
                Duration.ofSeconds(5));
    }

    /** Waits for the switches, then closes the player, which waits for its commands: a stray one shows too. */
    private void assertSwitches(Player player, String... states) {
        await().atMost(Duration.ofSeconds(5)).until(() -> switches().size() >= states.length);
        player.close();
        assertEquals(List.of(states), switches().stream().map(Switch::state).toList());
    }

    private List<Switch> switches() {
        if (!Files.exists(switches)) {
            return List.of();
        }
        try {
            return Files.readAllLines(switches).stream().map(line -> line.split(" "))
                    .map(f -> new Switch(f[0], Instant.ofEpochMilli(Long.parseLong(f[1])))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path script(String name, String body) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Report awaitReport(String reportId) {
        await().atMost(Duration.ofSeconds(8)).until(() -> report(reportId) != null);
        return report(reportId);
    }

    private Report report(String reportId) {
        return outbox.pending().stream().filter(r -> r.reportId().equals(reportId)).findFirst().orElse(null);
    }

    private static Logger hookLogger() {
        return (Logger) LoggerFactory.getLogger(HookCommand.class);
    }

    /** Appended to on the hooks' thread, under the appender's own lock. */
    private List<ILoggingEvent> events() {
        synchronized (log) {
            return List.copyOf(log.list);
        }
    }

    private List<String> warnings() {
        return events().stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static Order order(long orderId, Instant startAt, String level, Duration length) {
        return new Order(orderId, 5L, 7, TestOrders.SOME_SHA, "/agent/media/7", MediaKind.AUDIO, length.toMillis(),
                OffsetDateTime.ofInstant(startAt, TestOrders.HANOI), level);
    }

    private final OpenedDatabases databases = new OpenedDatabases();
    private AgentDatabase openedDatabase;

    /** The agent's database in this test's data dir, opened once. */
    private AgentDatabase database() {
        if (openedDatabase == null) {
            openedDatabase = databases.open(dir);
        }
        return openedDatabase;
    }
}
