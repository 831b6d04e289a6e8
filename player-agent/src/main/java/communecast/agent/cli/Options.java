package communecast.agent.cli;

import java.nio.file.Path;

/** The command line, checked. */
record Options(String server, Path dataDir, String enrollCode, boolean nullOutput, long cacheMaxMb) {

    static final long DEFAULT_CACHE_MAX_MB = 2048;

    static final String USAGE = """
            Usage: java -jar communecast-agent.jar --server URL --data-dir DIR [--enroll CODE] [--output null]
                                                   [--cache-max-mb N]

              --server URL     the CommuneCast server, e.g. http://10.0.0.5:8080
              --data-dir DIR   where the agent keeps its token, orders, media cache, reports and logs
              --enroll CODE    the one-time code shown when the device was registered (first start only)
              --output null    decode at real-time pace and discard (headless hosts, tests);
                               without it, audio goes to the default sound device
              --cache-max-mb N size limit of the media cache in MB (default 2048): least recently used
                               files go first, never one that a held order will play
              --help           this text
            """;

    /** Thrown for a command line the agent cannot run with; the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
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
        String server = null;
        String dataDir = null;
        String enroll = null;
        String output = null;
        String cacheMaxMb = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new UsageException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--server" -> server = value;
                case "--data-dir" -> dataDir = value;
                case "--enroll" -> enroll = value;
                case "--output" -> output = value;
                case "--cache-max-mb" -> cacheMaxMb = value;
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        return checked(server, dataDir, enroll, output, cacheMaxMb);
    }

    private static Options checked(String server, String dataDir, String enroll, String output, String cacheMaxMb)
            throws UsageException {
        if (server == null) {
            throw new UsageException("--server is required");
        }
        if (!server.startsWith("http://") && !server.startsWith("https://")) {
            throw new UsageException("--server must be an http:// or https:// URL, not " + server);
        }
        if (dataDir == null) {
            throw new UsageException("--data-dir is required");
        }
        if (output != null && !output.equals("null")) {
            throw new UsageException("--output takes only 'null' (leave it out for the sound device)");
        }
        return new Options(server, Path.of(dataDir), enroll, output != null, megabytes(cacheMaxMb));
    }

    private static long megabytes(String value) throws UsageException {
        if (value == null) {
            return DEFAULT_CACHE_MAX_MB;
        }
        // At most 12 digits: beyond any disk, and no overflow once turned into bytes.
        if (!value.matches("[1-9][0-9]{0,11}")) {
            throw new UsageException("--cache-max-mb takes a whole number of megabytes above 0, not " + value);
        }
        return Long.parseLong(value);
    }
}
