package communecast.agent.cli;

import java.nio.file.Path;

/** The command line, checked. */
record Options(String server, Path dataDir, String enrollCode, boolean nullOutput) {

    static final String USAGE = """
            Usage: java -jar communecast-agent.jar --server URL --data-dir DIR [--enroll CODE] [--output null]

              --server URL     the CommuneCast server, e.g. http://10.0.0.5:8080
              --data-dir DIR   where the agent keeps its token, orders, media cache, reports and logs
              --enroll CODE    the one-time code shown when the device was registered (first start only)
              --output null    decode at real-time pace and discard (headless hosts, tests);
                               without it, audio goes to the default sound device
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
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        return checked(server, dataDir, enroll, output);
    }

    private static Options checked(String server, String dataDir, String enroll, String output)
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
        return new Options(server, Path.of(dataDir), enroll, output != null);
    }
}
