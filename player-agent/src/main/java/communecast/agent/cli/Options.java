package communecast.agent.cli;

import communecast.agent.ServerAddress;
import communecast.agent.Servers;
import communecast.agent.player.PlayHooks;
import communecast.agent.player.Screen;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line, and the config file it may name, checked. */
record Options(List<ServerAddress> servers, Path dataDir, String enrollCode, boolean nullOutput, long cacheMaxMb,
        PlayHooks.Settings hooks, Screen.Settings screen, int simulate, Duration deadAirAfter) {

    static final long DEFAULT_CACHE_MAX_MB = 2048;
    private static final long MAX_LEAD_SECONDS = 3600;
    /** The flags that take a setting, without their dashes; the config file's keys are the same. */
    private static final List<String> KEYS = List.of("server", "data-dir", "enroll", "output", "cache-max-mb",
            "before-play", "before-play-lead-seconds", "after-play", "window", "idle-picture", "simulate", "dead-air-seconds");
    static final Duration DEFAULT_DEAD_AIR = Duration.ofSeconds(30);
    private static final int MAX_SIMULATED = 20_000;

    static final String USAGE = """
            Usage: java -jar communecast-agent.jar --server URL[,URL…] --data-dir DIR [--enroll CODE]
                                                   [--output null] [--cache-max-mb N] [--before-play CMD]
                                                   [--before-play-lead-seconds N] [--after-play CMD]
                                                   [--window X,Y,W,H] [--idle-picture FILE] [--simulate N]
                                                   [--dead-air-seconds N]
                   java -jar communecast-agent.jar --config FILE [any flag above, which wins over the file]

              --server URL[,URL…]
                               the CommuneCast server, e.g. http://10.0.0.5:8080, or several of its nodes
                               separated by commas: the agent links to one and, when that fails (refused,
                               lost, closed), moves to the next; media, screenshots and enrollment go to
                               the one it is linked to. Behind a load balancer give its one URL
              --data-dir DIR   where the agent keeps its token, orders, media cache, reports and logs
              --enroll CODE    the one-time code shown when the device was registered (first start only)
              --output null    decode at real-time pace and discard (headless hosts, tests);
                               without it, audio goes to the default sound device
              --cache-max-mb N size limit of the media cache in MB (default 2048): least recently used
                               files go first, never one that a held order will play
              --before-play CMD
                               command run N seconds before each play, e.g. to switch an amplifier on
              --before-play-lead-seconds N
                               that N, 0 to 3600 (default 5)
              --after-play CMD command run when a play is over, whatever its outcome (amplifier off).
                               Plays closer together than N seconds run the pair once, around them all.
                               A command is a program and its arguments split on spaces: no shell, no
                               quotes; write a script for more. Killed after 10 s; its output is logged.
              --window X,Y,W,H where the LED panel's window goes on the desktop, in pixels (default: the
                               whole primary screen); it opens with the first video or picture
              --idle-picture FILE
                               PNG or JPEG shown on the LED panel between items (default black)
              --simulate N     N virtual agents in this one process, each with its own token, null output
                               (capacity tests of a server): their data dirs are DIR/sim-1 … DIR/sim-N; on
                               first start --enroll takes N codes separated by commas; their stores
                               skip the fsync per commit (they share one disk) and they share
                               one set of timer threads
              --dead-air-seconds N
                               silence on air this long, unbroken, is reported as dead air (default 30)
              --config FILE    Java properties file with the same names as keys, e.g. server=http://…
                               and data-dir=/var/lib/communecast-agent (on Windows write C:/… or C:\\\\…)
              --help           this text
            """;

    /** Thrown for a command line the agent cannot run with; the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** A setting and where it was given, so a message points at the flag or at the file's key. */
    private record Given(String value, String where) {
    }

    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    static Options parse(String[] args) throws UsageException {
        Map<String, Given> given = new HashMap<>();
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new UsageException("missing value after " + flag);
            }
            String value = args[++i];
            String key = flag.startsWith("--") ? flag.substring(2) : "";
            if (key.equals("config")) {
                config = Path.of(value);
            } else if (KEYS.contains(key)) {
                given.put(key, new Given(value, flag));
            } else {
                throw new UsageException("unknown option " + flag);
            }
        }
        if (config != null) {
            for (Map.Entry<String, String> e : ConfigFile.read(config, KEYS).entrySet()) {
                given.putIfAbsent(e.getKey(), new Given(e.getValue(), e.getKey() + " in " + config));
            }
        }
        return checked(given, config);
    }

    private static Options checked(Map<String, Given> given, Path config) throws UsageException {
        List<ServerAddress> servers = servers(required(given, "server", config));
        Given dataDir = required(given, "data-dir", config);
        Given output = given.get("output");
        if (output != null && !output.value().equals("null")) {
            throw new UsageException(output.where() + " takes only 'null' (leave it out for the sound device)");
        }
        PlayHooks.Settings hooks = PlayHooks.Settings.of(value(given, "before-play"),
                leadSeconds(given.get("before-play-lead-seconds")), value(given, "after-play"));
        return new Options(servers, Path.of(dataDir.value()), value(given, "enroll"), output != null,
                megabytes(given.get("cache-max-mb")), hooks,
                new Screen.Settings(window(given.get("window")), path(given.get("idle-picture"))), simulate(given.get("simulate")),
                deadAir(given.get("dead-air-seconds")));
    }

    private static List<ServerAddress> servers(Given given) throws UsageException {
        try {
            return Servers.parse(given.value());
        } catch (IllegalArgumentException e) {
            throw new UsageException(given.where() + " " + e.getMessage());
        }
    }

    private static Rectangle window(Given given) throws UsageException {
        if (given == null) {
            return null;
        }
        String[] parts = given.value().split(",");
        if (parts.length != 4 || !given.value().matches("-?[0-9]{1,5}(,-?[0-9]{1,5}){3}")
                || Integer.parseInt(parts[2].trim()) <= 0 || Integer.parseInt(parts[3].trim()) <= 0) {
            throw new UsageException(given.where() + " takes X,Y,WIDTH,HEIGHT in pixels (width and height above 0), not " + given.value());
        }
        return new Rectangle(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
    }

    private static Path path(Given given) throws UsageException {
        if (given == null) {
            return null;
        }
        Path file = Path.of(given.value());
        if (!Files.isReadable(file)) {
            throw new UsageException(given.where() + ": cannot read " + file);
        }
        return file;
    }

    private static Duration deadAir(Given given) throws UsageException {
        if (given == null) {
            return DEFAULT_DEAD_AIR;
        }
        if (!given.value().matches("[1-9][0-9]{0,3}")) {
            throw new UsageException(given.where() + " takes a whole number of seconds from 1 to 9999, not " + given.value());
        }
        return Duration.ofSeconds(Long.parseLong(given.value()));
    }

    private static int simulate(Given given) throws UsageException {
        if (given == null) {
            return 0;
        }
        if (!given.value().matches("[1-9][0-9]{0,4}") || Integer.parseInt(given.value()) > MAX_SIMULATED) {
            throw new UsageException(given.where() + " takes a number of agents from 1 to " + MAX_SIMULATED + ", not " + given.value());
        }
        return Integer.parseInt(given.value());
    }

    private static Given required(Map<String, Given> given, String key, Path config) throws UsageException {
        Given value = given.get(key);
        if (value == null) {
            String orInFile = config == null ? "" : " (or " + key + " in " + config + ")";
            throw new UsageException("--" + key + " is required" + orInFile);
        }
        return value;
    }

    private static String value(Map<String, Given> given, String key) {
        Given value = given.get(key);
        return value == null ? null : value.value();
    }

    private static long megabytes(Given given) throws UsageException {
        if (given == null) {
            return DEFAULT_CACHE_MAX_MB;
        }
        // At most 12 digits: beyond any disk, and no overflow once turned into bytes.
        if (!given.value().matches("[1-9][0-9]{0,11}")) {
            throw new UsageException(
                    given.where() + " takes a whole number of megabytes above 0, not " + given.value());
        }
        return Long.parseLong(given.value());
    }

    private static Duration leadSeconds(Given given) throws UsageException {
        if (given == null) {
            return PlayHooks.Settings.STANDARD_LEAD;
        }
        if (!given.value().matches("[0-9]{1,4}") || Long.parseLong(given.value()) > MAX_LEAD_SECONDS) {
            throw new UsageException(given.where() + " takes a whole number of seconds from 0 to " + MAX_LEAD_SECONDS
                    + ", not " + given.value());
        }
        return Duration.ofSeconds(Long.parseLong(given.value()));
    }
}
