package communecast.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Backoff;
import communecast.agent.Json;
import communecast.agent.Servers;
import communecast.agent.link.Messages.EnrollResponse;
import communecast.agent.player.PlayHooks;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar communecast-agent.jar --server URL[,URL…] --data-dir DIR [--enroll CODE] [--output null]
 * [--cache-max-mb N] [--before-play CMD] [--before-play-lead-seconds N] [--after-play CMD]}, or the same
 * settings from {@code --config FILE}: see {@link Options#USAGE}.
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
        if (options.simulate() > 0) {
            simulate(options, version, http, mapper, log);
            return;
        }
        Servers servers = new Servers(options.servers());
        Optional<DeviceCredentials> device = credentials(options, servers, version, http, mapper, log);
        if (device.isEmpty()) {
            System.exit(EXIT_NOT_ENROLLED);
            return;
        }
        log.info("CommuneCast agent {} device {} → {} (output: {}, data: {}, cache limit: {} MB)", version,
                device.get().deviceId(), servers, options.nullOutput() ? "null" : "sound device",
                options.dataDir(), options.cacheMaxMb());
        if (!options.hooks().isEmpty()) {
            log.info("play hooks: before-play {} {} s ahead, after-play {}", options.hooks().beforePlay(),
                    options.hooks().lead().toSeconds(), options.hooks().afterPlay());
        }
        Agent agent = Agent.start(options, servers, device.get(), version, http, mapper);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            agent.close();
        }, "agent-shutdown"));
        agent.awaitStop();
    }

    /**
     * --simulate N: N agents in this process, each its own device (token, orders, outbox in DIR/sim-i) with
     * the null output, for capacity tests of a server. Enrolls those without a token with the i-th code. Each
     * goes its own way through the server list, as N real agents would.
     */
    private static void simulate(Options options, String version, HttpClient http, ObjectMapper mapper, Logger log)
            throws InterruptedException {
        String[] codes = options.enrollCode() == null ? new String[0] : options.enrollCode().split(",");
        List<Agent> agents = new ArrayList<>();
        ScheduledExecutorService timers = Agent.timers(4 * Runtime.getRuntime().availableProcessors());
        for (int i = 1; i <= options.simulate(); i++) {
            String code = i <= codes.length ? codes[i - 1].trim() : null;
            Options one = new Options(options.servers(), options.dataDir().resolve("sim-" + i), code, true,
                    options.cacheMaxMb(), PlayHooks.Settings.none(), options.screen(), 0, options.deadAirAfter());
            Servers servers = new Servers(one.servers());
            Optional<DeviceCredentials> device = credentials(one, servers, version, http, mapper, log);
            if (device.isEmpty()) {
                log.error("virtual agent {} has no token and no code: give --enroll with {} codes", i, options.simulate());
                continue;
            }
            try {
                agents.add(Agent.startVirtual(one, servers, device.get(), version, http, mapper, timers));
            } catch (RuntimeException e) {
                // One agent that cannot start (a full disk, no file descriptor left) must not stop those already linked.
                log.error("virtual agent {} could not start: {}", i, e.toString());
            }
        }
        log.info("{} virtual agents running against {}", agents.size(), options.servers());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> agents.forEach(Agent::close), "agents-shutdown"));
        for (Agent agent : agents) {
            agent.awaitStop();
        }
    }

    /** The stored credentials, or new ones from --enroll; empty (and a logged reason) if there are none. */
    private static Optional<DeviceCredentials> credentials(Options options, Servers servers, String version,
            HttpClient http, ObjectMapper mapper, Logger log) throws InterruptedException {
        DeviceFile file = new DeviceFile(options.dataDir(), mapper);
        Optional<DeviceCredentials> stored = file.load();
        if (options.enrollCode() == null) {
            if (stored.isEmpty()) {
                log.error("this agent is not enrolled: start it once with --enroll CODE "
                        + "(the code shown when the device was registered)");
            }
            return stored;
        }
        Enrollment enrollment = new Enrollment(http, servers, mapper, version);
        try {
            EnrollResponse answer = enroll(enrollment, options.enrollCode(), stored.isPresent(), log);
            DeviceCredentials fresh = new DeviceCredentials(answer.deviceId(), answer.token(),
                    servers.current().toString());
            file.save(fresh);
            log.info("enrolled as device {} by {}", fresh.deviceId(), fresh.server());
            return Optional.of(fresh);
        } catch (Enrollment.RejectedException e) {
            return refused(e.getMessage(), stored, log);
        } catch (IOException e) {
            log.warn("could not enroll now ({}); keeping the stored token", e.getMessage());
            return stored;
        }
    }

    /**
     * Without a stored token the agent has nothing to run with, so it retries until a server answers.
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
