package communecast.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Backoff;
import communecast.agent.Json;
import communecast.agent.ServerAddress;
import communecast.agent.link.Messages.EnrollResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar communecast-agent.jar --server URL --data-dir DIR [--enroll CODE] [--output null]
 * [--cache-max-mb N]}
 */
public final class Main {

    static final int EXIT_USAGE = 2;
    static final int EXIT_NOT_ENROLLED = 3;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Options.wantsHelp(args)) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        // Before the first logger: logback.xml puts the log file under the data directory.
        System.setProperty("communecast.dataDir", options.dataDir().toAbsolutePath().toString());
        run(options);
    }

    private static void run(Options options) throws InterruptedException {
        Logger log = LoggerFactory.getLogger(Main.class);
        String version = version();
        ObjectMapper mapper = Json.mapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        Optional<DeviceCredentials> device = credentials(options, version, http, mapper, log);
        if (device.isEmpty()) {
            System.exit(EXIT_NOT_ENROLLED);
            return;
        }
        log.info("CommuneCast agent {} device {} → {} (output: {}, data: {}, cache limit: {} MB)", version,
                device.get().deviceId(), options.server(), options.nullOutput() ? "null" : "sound device",
                options.dataDir(), options.cacheMaxMb());
        Agent agent = Agent.start(options, device.get(), version, http, mapper);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            agent.close();
        }, "agent-shutdown"));
        agent.awaitStop();
    }

    /** The stored credentials, or new ones from --enroll; empty (and a logged reason) if there are none. */
    private static Optional<DeviceCredentials> credentials(Options options, String version, HttpClient http,
            ObjectMapper mapper, Logger log) throws InterruptedException {
        DeviceFile file = new DeviceFile(options.dataDir(), mapper);
        Optional<DeviceCredentials> stored = file.load();
        if (options.enrollCode() == null) {
            if (stored.isEmpty()) {
                log.error("this agent is not enrolled: start it once with --enroll CODE "
                        + "(the code shown when the device was registered)");
            }
            return stored;
        }
        Enrollment enrollment = new Enrollment(http, new ServerAddress(options.server()), mapper, version);
        try {
            EnrollResponse answer = enroll(enrollment, options.enrollCode(), stored.isPresent(), log);
            DeviceCredentials fresh = new DeviceCredentials(answer.deviceId(), answer.token(), options.server());
            file.save(fresh);
            log.info("enrolled as device {}", fresh.deviceId());
            return Optional.of(fresh);
        } catch (Enrollment.RejectedException e) {
            return refused(e.getMessage(), stored, log);
        } catch (IOException e) {
            log.warn("could not enroll now ({}); keeping the stored token", e.getMessage());
            return stored;
        }
    }

    /**
     * Without a stored token the agent has nothing to run with, so it retries until the server answers.
     * With one, a single try: a restart with the same --enroll must not hang on an unreachable server.
     */
    private static EnrollResponse enroll(Enrollment enrollment, String code, boolean haveToken, Logger log)
            throws Enrollment.RejectedException, IOException, InterruptedException {
        Backoff backoff = Backoff.standard();
        while (true) {
            try {
                return enrollment.enroll(code);
            } catch (IOException e) {
                if (haveToken) {
                    throw e;
                }
                Duration delay = backoff.nextDelay();
                log.warn("cannot enroll yet ({}); retrying in {} ms", describe(e), delay.toMillis());
                Thread.sleep(delay);
            }
        }
    }

    private static Optional<DeviceCredentials> refused(String why, Optional<DeviceCredentials> stored, Logger log) {
        if (stored.isPresent()) {
            // Typically a restart with the same command line: the code was used by the first start.
            log.warn("{}; keeping the stored token of device {}", why, stored.get().deviceId());
            return stored;
        }
        log.error("{}; ask for a new code and start again with --enroll CODE", why);
        return Optional.empty();
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
