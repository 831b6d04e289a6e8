package communecast.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Backoff;
import communecast.agent.Servers;
import communecast.agent.cache.MediaCache;
import communecast.agent.cache.MediaDownloader;
import communecast.agent.db.AgentDatabase;
import communecast.agent.link.AgentLink;
import communecast.agent.link.MessageCodec;
import communecast.agent.link.ClockOffsetStore;
import communecast.agent.link.ServerClock;
import communecast.agent.orders.OrderBook;
import communecast.agent.orders.OrderStore;
import communecast.agent.outbox.Outbox;
import communecast.agent.player.DeviceOutputs;
import communecast.agent.player.NullOutput;
import communecast.agent.player.OutputFactory;
import communecast.agent.player.Volume;
import communecast.agent.player.PlayHooks;
import communecast.agent.player.PlayJournal;
import communecast.agent.player.Player;
import communecast.agent.player.Reporting;
import communecast.media.MediaKind;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/** The running agent: its parts wired together, and their orderly stop. */
final class Agent implements AutoCloseable {

    private static final Duration JOURNAL_KEPT = Duration.ofDays(30);
    private static final int DOWNLOAD_THREADS = 2;
    /** A mobile link that brings no byte for this long is taken as dead; the download resumes later. */
    private static final Duration MEDIA_STALL_TIMEOUT = Duration.ofSeconds(30);

    /** Null when the timers are shared with other virtual agents, whose process shuts them down. */
    private final ScheduledExecutorService ownTimers;
    private final ExecutorService downloads;
    private final Player player;
    private final AgentLink link;
    private final AgentDatabase database;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Agent(ScheduledExecutorService ownTimers, ExecutorService downloads, Player player, AgentLink link,
            AgentDatabase database) {
        this.ownTimers = ownTimers;
        this.downloads = downloads;
        this.player = player;
        this.link = link;
        this.database = database;
    }

    /** {@code servers}: the list from the options, with the one enrollment reached as current. */
    static Agent start(Options options, Servers servers, DeviceCredentials device, String version, HttpClient http,
            ObjectMapper mapper) {
        ScheduledExecutorService timers = timers(2);
        return start(options, servers, device, version, http, mapper, AgentDatabase.Durability.POWER_LOSS_SAFE, timers,
                timers);
    }

    /**
     * One of many virtual agents in this process (--simulate), on timer threads they all share: two of its own
     * each, 20,000 threads for 10,000 agents, helped run the machine out of process ids.
     */
    static Agent startVirtual(Options options, Servers servers, DeviceCredentials device, String version,
            HttpClient http, ObjectMapper mapper, ScheduledExecutorService sharedTimers) {
        return start(options, servers, device, version, http, mapper, AgentDatabase.Durability.PROCESS_CRASH_SAFE,
                sharedTimers, null);
    }

    static ScheduledExecutorService timers(int threads) {
        return Executors.newScheduledThreadPool(threads, daemon("agent-timer"));
    }

    private static Agent start(Options options, Servers servers, DeviceCredentials device, String version,
            HttpClient http, ObjectMapper mapper, AgentDatabase.Durability durability,
            ScheduledExecutorService scheduler, ScheduledExecutorService ownTimers) {
        Path dir = options.dataDir();
        // Virtual: parked between downloads, they hold no system thread (10,000 virtual agents' platform download
        // threads, with their timers, ran the machine out of process ids: 32,768 here).
        ExecutorService downloads = Executors.newFixedThreadPool(DOWNLOAD_THREADS,
                Thread.ofVirtual().name("agent-download-", 1).factory());

        AgentDatabase database = AgentDatabase.open(dir, durability);
        ServerClock clock = ServerClock.restored(Clock.systemDefaultZone(), new ClockOffsetStore(database));
        Outbox outbox = new Outbox(database);
        PlayJournal journal = new PlayJournal(database, clock);
        journal.forgetOlderThan(clock.instant().minus(JOURNAL_KEPT));
        OrderStore store = new OrderStore(database);
        MediaDownloader downloader = new MediaDownloader(http, servers, device.token(), scheduler, MEDIA_STALL_TIMEOUT);
        MediaCache cache = new MediaCache(dir.resolve("cache"), database, downloader, clock, downloads, scheduler,
                Backoff::standard, MediaCache.Settings.limitMb(options.cacheMaxMb()), store::media);
        Volume volume = new Volume(dir.resolve("volume"));
        Optional<DeviceOutputs> outputs = options.nullOutput() ? Optional.empty()
                : Optional.of(new DeviceOutputs(options.screen(), volume));
        Player player = new Player(clock, cache, outputs.<OutputFactory>map(o -> o).orElse(NullOutput.factory()),
                new Reporting(database, journal, outbox, clock), scheduler, Player.Settings.standard(), store::remove,
                new PlayHooks(options.hooks()));
        // A relayed stream is read live at air time: nothing to fetch ahead but its fallback recording.
        OrderBook book = new OrderBook(store, order -> {
            if (order.mediaKind() != MediaKind.STREAM) {
                cache.prefetch(order);
            } else if (order.fallback() != null) {
                cache.prefetch(order.fallbackPlay());
            }
        }, player);
        AgentLink link = new AgentLink(new AgentLink.Endpoint(servers, device.token(), version),
                http, new MessageCodec(mapper), book, outbox,
                new StatusSource(clock, clock.instant(), player, store, dir, cache::usedBytes, options.deadAirAfter()),
                new RemoteCommands(volume, outputs, http, servers, device.token()), clock, scheduler,
                Backoff.standard(), AgentLink.Settings.standard());

        book.start();
        link.start();
        return new Agent(ownTimers, downloads, player, link, database);
    }

    private static ThreadFactory daemon(String name) {
        return Thread.ofPlatform().name(name + "-", 1).daemon().factory();
    }

    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** A play on air is cut and reported first, so the report can still leave before the link closes. */
    @Override
    public void close() {
        player.close();
        link.close();
        if (ownTimers != null) {
            ownTimers.shutdownNow();
        }
        downloads.shutdownNow();
        database.close();
        stopped.countDown();
    }
}
