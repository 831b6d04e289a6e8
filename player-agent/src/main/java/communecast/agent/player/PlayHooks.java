package communecast.agent.player;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Commands run around plays, e.g. to switch an amplifier's relay on before a bulletin and off after it.
 *
 * <p>A play holds the hooks from {@code lead} before its start until it ends, whatever its outcome, or is
 * withdrawn. The before-play command runs when the first play takes hold, the after-play command when the
 * last one lets go. So plays that overlap (one cut by another, one waiting for another) or follow each other
 * within the lead run the pair once and do not flap the relay; with a longer gap each runs its own pair.
 *
 * <p>Commands run one after another, in that order, on a thread of their own, never on a play's: a slow,
 * failing or hanging command is logged (and killed after {@code timeout}) but cannot delay or break a play.
 */
public final class PlayHooks implements AutoCloseable {

    /**
     * @param beforePlay program and arguments run {@code lead} before a play; empty for none
     * @param afterPlay  program and arguments run when a play is over; empty for none
     * @param timeout    how long a command may run before it is killed
     */
    public record Settings(List<String> beforePlay, Duration lead, List<String> afterPlay, Duration timeout) {

        public static final Duration STANDARD_LEAD = Duration.ofSeconds(5);
        public static final Duration STANDARD_TIMEOUT = Duration.ofSeconds(10);

        public Settings {
            beforePlay = List.copyOf(beforePlay);
            afterPlay = List.copyOf(afterPlay);
        }

        public static Settings none() {
            return new Settings(List.of(), STANDARD_LEAD, List.of(), STANDARD_TIMEOUT);
        }

        /** Command lines are split on whitespace, no shell and no quoting: name a script for anything more. */
        public static Settings of(String beforePlay, Duration lead, String afterPlay) {
            return new Settings(argv(beforePlay), lead, argv(afterPlay), STANDARD_TIMEOUT);
        }

        private static List<String> argv(String line) {
            return line == null || line.isBlank() ? List.of() : List.of(line.strip().split("\\s+"));
        }

        public boolean isEmpty() {
            return beforePlay.isEmpty() && afterPlay.isEmpty();
        }
    }

    private final Settings settings;
    private final ExecutorService runner =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("play-hook").daemon().factory());
    /** Orders holding the hooks now. */
    private final Set<Long> holding = new HashSet<>();
    private boolean closed;

    public PlayHooks(Settings settings) {
        this.settings = settings;
    }

    boolean isEmpty() {
        return settings.isEmpty();
    }

    Duration lead() {
        return settings.lead();
    }

    /** The order's play is {@code lead} away (or nearer). */
    synchronized void hold(long orderId) {
        if (!closed && holding.add(orderId) && holding.size() == 1) {
            run("before-play", settings.beforePlay(), orderId);
        }
    }

    /** The order's play is over, or will not happen. */
    synchronized void letGo(long orderId) {
        if (holding.remove(orderId) && holding.isEmpty()) {
            run("after-play", settings.afterPlay(), orderId);
        }
    }

    /** At a stop every play lets go, so the relay is off; waits for the commands still to run. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            holding.stream().findFirst().ifPresent(orderId -> run("after-play", settings.afterPlay(), orderId));
            holding.clear();
            closed = true;
        }
        runner.shutdown();
        try {
            // Room for the command running now and the after-play behind it.
            if (!runner.awaitTermination(settings.timeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            runner.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void run(String name, List<String> argv, long orderId) {
        if (!argv.isEmpty()) {
            HookCommand command = new HookCommand(name + " for order " + orderId, argv, settings.timeout());
            runner.execute(command::run);
        }
    }
}
