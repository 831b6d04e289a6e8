package communecast.agent.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import communecast.agent.Backoff;
import communecast.agent.ServerAddress;
import communecast.agent.Servers;
import communecast.agent.link.Messages.Ack;
import communecast.agent.link.Messages.ErrorMessage;
import communecast.agent.link.Messages.Heartbeat;
import communecast.agent.link.Messages.Hello;
import communecast.agent.link.Messages.Inbound;
import communecast.agent.link.Messages.Orders;
import communecast.agent.link.Messages.ReportMessage;
import communecast.agent.link.Messages.Unknown;
import communecast.agent.link.Messages.Unsupported;
import communecast.agent.link.Messages.Welcome;
import communecast.agent.link.Messages.Withdraw;
import communecast.agent.orders.OrderBook;
import communecast.agent.outbox.Outbox;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket link to the server: waits for its welcome, says hello, hands orders to the order book, sends reports until they
 * are acknowledged, beats the heart, and reconnects forever with backoff when the link is lost or goes
 * silent, each time to the next server of the list.
 */
public final class AgentLink implements WebSocket.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    /** See docs/protocol.md, "welcome": the server speaks first. */
    static final Duration WELCOME_TIMEOUT = Duration.ofSeconds(10);
    /** Heartbeat periods without a word from the server (not even a pong) after which the link is dead. */
    private static final int SILENT_BEATS = 3;
    private static final int HELLO_TICKS_MAX = 16;
    private static final String PATH = "/agent/ws";

    /** Where to connect and as whom. */
    public record Endpoint(Servers servers, String token, String agentVersion) {
    }

    /**
     * {@code resend}: how often unacknowledged reports go out again while connected; {@code helloAgain}: the
     * wait for the order list after hello before saying it again; the waits after that double, up to 16 times it.
     */
    public record Settings(Duration heartbeat, Duration resend, Duration helloAgain) {
        public static Settings standard() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(10));
        }
    }

    private final Endpoint endpoint;
    private final HttpClient http;
    private final MessageCodec codec;
    private final OrderBook orders;
    private final Outbox outbox;
    private final Supplier<AgentStatus> status;
    private final CommandHandler commands;
    private final TimeSync timeSync = new TimeSync();
    private final ServerClock clock;
    private final ScheduledExecutorService scheduler;
    private final SerialExecutor inbox;
    private final Backoff backoff;
    private final Settings settings;

    // The current connection; guarded by this.
    private WebSocket socket;
    /** The server of the last attempt (before any, the first to try), and of {@link #socket} once open. */
    private ServerAddress server;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
    private final StringBuilder partial = new StringBuilder();
    private List<ScheduledFuture<?>> timers = List.of();
    private Instant openedAt;
    private Instant heardAt;
    private boolean welcomed;
    /** Whether the server answered this link's hello with the complete order list. */
    private volatile boolean synced;
    private int helloTicks;
    private boolean closed;

    public AgentLink(Endpoint endpoint, HttpClient http, MessageCodec codec, OrderBook orders, Outbox outbox,
            Supplier<AgentStatus> status, CommandHandler commands, ServerClock clock, ScheduledExecutorService scheduler, Backoff backoff,
            Settings settings) {
        this.endpoint = endpoint;
        this.server = endpoint.servers().current();
        this.http = http;
        this.codec = codec;
        this.orders = orders;
        this.outbox = outbox;
        this.status = status;
        this.commands = commands;
        this.clock = clock;
        this.scheduler = scheduler;
        this.inbox = new SerialExecutor(scheduler);
        this.backoff = backoff;
        this.settings = settings;
    }

    public void start() {
        outbox.onAdded(report -> sendIfConnected(ReportMessage.of(report)));
        connect();
    }

    private void connect() {
        ServerAddress target;
        synchronized (this) {
            if (closed) {
                return;
            }
            target = endpoint.servers().current();
            server = target;
        }
        LOG.info("connecting to {}", target);
        http.newWebSocketBuilder()
                .header("Authorization", "Device " + endpoint.token())
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(target.ws(PATH), this)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        connectFailed(target, error);
                    }
                });
    }

    private void connectFailed(ServerAddress target, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 401) {
            LOG.error("the server {} refused this device's token (401): the device may have been revoked or "
                    + "re-registered; restart the agent with --enroll CODE to enroll it again", target);
        } else {
            LOG.warn("cannot link to {}: {}", target, describe(cause));
        }
        reconnectLater(target);
    }

    /**
     * On to the next server: soon while the list has servers not yet tried in this round, with growing waits
     * once all of them failed in turn (a dead node must not keep the agent from a live one for minutes).
     */
    private void reconnectLater(ServerAddress failed) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        Servers servers = endpoint.servers();
        Duration delay = servers.failed(failed) ? backoff.nextDelay() : backoff.sameDelay();
        ServerAddress next = servers.current();
        if (next.equals(failed)) {
            LOG.info("reconnecting in {} ms", delay.toMillis());
        } else {
            LOG.info("moving from {} to {}: connecting in {} ms", failed, next, delay.toMillis());
        }
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpen(WebSocket ws) {
        synchronized (this) {
            if (closed) {
                // Connected while the agent stops: close() has already let go of the link.
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping");
                return;
            }
            socket = ws;
            welcomed = false;
            sending = CompletableFuture.completedFuture(null);
            partial.setLength(0);
            openedAt = clock.instant();
            heardAt = openedAt;
            timers = List.of(scheduler.schedule(() -> welcomeOverdue(ws), WELCOME_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
        LOG.info("link open; waiting for the server's welcome");
        ws.request(1);
    }

    /** A link the server never greeted is of no use: drop it and try again. */
    private void welcomeOverdue(WebSocket ws) {
        synchronized (this) {
            if (ws != socket || welcomed) {
                return;
            }
        }
        ws.abort();
        lost(ws, "no welcome from the server within " + WELCOME_TIMEOUT.toSeconds() + " s");
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        String text = null;
        synchronized (this) {
            partial.append(data);
            if (last) {
                text = partial.toString();
                partial.setLength(0);
            }
        }
        String message = text;
        // Off the HTTP client's thread, which reads for every link in this process (thousands with --simulate)
        // and must not wait for the store; one at a time, so orders and withdrawals keep their order.
        inbox.execute(() -> {
            if (message != null) {
                receive(ws, message);
            }
            heard(); // After the message: a welcome may have moved the clock.
        });
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        heard();
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        heard(); // The JDK answers the ping itself.
        ws.request(1);
        return null;
    }

    private synchronized void heard() {
        heardAt = clock.instant();
    }

    /** One whole message from the server. */
    void receive(WebSocket ws, String text) {
        try {
            dispatch(ws, codec.read(text));
        } catch (JsonProcessingException e) {
            LOG.warn("ignoring an unreadable message: {}", e.getOriginalMessage());
        } catch (RuntimeException e) {
            LOG.error("could not handle a message: {}", text, e);
        }
    }

    private void dispatch(WebSocket ws, Inbound message) {
        switch (message) {
            case Welcome w -> welcomed(ws, w);
            case Messages.TimeReply t -> timed(t);
            case Messages.Command c -> scheduler.execute(() -> carryOut(ws, c));
            case Orders o -> {
                orders.receive(o.orders(), o.complete());
                synced |= o.complete();
            }
            case Withdraw w -> orders.withdraw(w.orderIds(), w.reason());
            case Ack a -> acknowledged(a);
            case ErrorMessage e -> LOG.warn("server error {}: {}", e.code(), e.message());
            case Unknown u -> LOG.info("ignoring a message of unknown type '{}'", u.type());
            case Unsupported u -> {
                LOG.warn("ignoring a message of protocol version {}", u.v());
                sendIfConnected(ErrorMessage.unsupportedVersion());
            }
        }
    }

    private void welcomed(WebSocket ws, Welcome welcome) {
        Instant received = clock.instant();
        ServerAddress linked;
        synchronized (this) {
            if (ws != socket || welcomed) {
                return;
            }
            linked = server;
            // The server read its clock between our link opening and its welcome arriving.
            Instant opened = openedAt != null ? openedAt : received;
            Instant midway = opened.plus(Duration.between(opened, received).dividedBy(2));
            clock.correct(Duration.between(midway, welcome.serverTime().toInstant()));
            welcomed = true;
            timers.forEach(t -> t.cancel(false));
            send(ws, Hello.of(endpoint.agentVersion(), now()));
            send(ws, Messages.TimeRequest.of(now()));
            outbox.pending().forEach(report -> send(ws, ReportMessage.of(report)));
            synced = false;
            helloTicks = 0;
            timers = List.of(every(settings.heartbeat(), () -> heartbeat(ws)), every(settings.resend(), this::resend),
                    every(settings.helloAgain(), () -> helloAgainIfUnanswered(ws)));
        }
        endpoint.servers().linked(linked);
        backoff.reset();
        LOG.info("linked to {} as device {}; clock offset to the server {} ms", linked, welcome.deviceId(),
                clock.offset().toMillis());
    }

    /**
     * A hello the server never answered with the complete order list was lost (a frame sent in the instant
     * the server switches its pipeline to WebSocket can be dropped): say it again, the waits doubling (see
     * {@link #helloDue}), so that a server slow under thousands of links is not asked ever more often.
     */
    private void helloAgainIfUnanswered(WebSocket ws) {
        synchronized (this) {
            if (ws != socket || synced || !helloDue(++helloTicks)) {
                return;
            }
        }
        LOG.info("no order list since hello; saying hello again");
        send(ws, Hello.of(endpoint.agentVersion(), now()));
    }

    /** After 1, 2, 4, 8 and 16 waits, then every 16th: a lost hello is not left unsaid for long. */
    private static boolean helloDue(int tick) {
        return tick <= HELLO_TICKS_MAX ? Integer.bitCount(tick) == 1 : tick % HELLO_TICKS_MAX == 0;
    }

    /** Off the link's thread: a screenshot upload takes a while. RESYNC is the link's own: hello again. */
    private void carryOut(WebSocket ws, Messages.Command command) {
        CommandHandler.Result result;
        try {
            result = "RESYNC".equals(command.name())
                    ? resync(ws)
                    : commands.handle(command);
        } catch (RuntimeException e) {
            LOG.warn("command {} {} failed", command.commandId(), command.name(), e);
            result = CommandHandler.Result.refused(command.name() + " failed: " + e.getMessage());
        }
        LOG.info("command {} {}: {}", command.commandId(), command.name(), result.message());
        send(ws, Messages.CommandResult.of(command.commandId(), result));
    }

    private CommandHandler.Result resync(WebSocket ws) {
        send(ws, Hello.of(endpoint.agentVersion(), now()));
        return CommandHandler.Result.done("asked the server for the complete order list");
    }

    /** Follows the server's clock by the best recent time exchange. */
    private void timed(Messages.TimeReply reply) {
        Instant t3 = clock.instant();
        Duration correction = clock.offset();
        TimeSync.Sample best = timeSync.add(reply.t0().toInstant(), reply.t1().toInstant(), reply.t2().toInstant(), t3, correction);
        clock.correct(best.ahead().minus(correction));
    }

    private void acknowledged(Ack ack) {
        if (!ack.accepted()) {
            LOG.warn("server refused report {}: {}", ack.reportId(), ack.reason());
        }
        outbox.acknowledge(ack.reportId());
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        lost(ws, "closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        lost(ws, describe(error));
    }

    private void lost(WebSocket ws, String why) {
        ServerAddress from;
        synchronized (this) {
            if (ws != socket) {
                return;
            }
            socket = null;
            from = server;
            timers.forEach(t -> t.cancel(false));
        }
        LOG.warn("link to {} lost: {}", from, why);
        reconnectLater(from);
    }

    /** Beats the heart and pings: on a half-open mobile link only the missing answers tell that it is dead. */
    private void heartbeat(WebSocket ws) {
        Duration silence;
        synchronized (this) {
            if (ws != socket) {
                return;
            }
            silence = Duration.between(heardAt, clock.instant());
        }
        if (silence.compareTo(settings.heartbeat().multipliedBy(SILENT_BEATS)) >= 0) {
            ws.abort();
            lost(ws, "no word from the server for " + silence.toSeconds() + " s");
            return;
        }
        send(ws, Heartbeat.of(now(), endpoint.agentVersion(), status.get(), -clock.offset().toMillis()));
        send(ws, Messages.TimeRequest.of(now()));
        ws.sendPing(ByteBuffer.allocate(0)).exceptionally(error -> {
            LOG.debug("ping failed: {}", describe(error));
            return null;
        });
    }

    private void resend() {
        outbox.pending().forEach(report -> sendIfConnected(ReportMessage.of(report)));
    }

    private synchronized void sendIfConnected(Messages.Outbound message) {
        if (socket != null && welcomed) {
            send(socket, message);
        }
    }

    /** The JDK WebSocket takes one send at a time: each waits for the one before. */
    private synchronized void send(WebSocket ws, Messages.Outbound message) {
        String json = codec.write(message);
        sending = sending.thenCompose(previous -> ws.sendText(json, true)).exceptionally(error -> {
            LOG.debug("send failed: {}", describe(error));
            return null;
        });
    }

    private ScheduledFuture<?> every(Duration period, Runnable task) {
        long millis = period.toMillis();
        return scheduler.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    @Override
    public void close() {
        CompletableFuture<WebSocket> closing;
        synchronized (this) {
            closed = true;
            timers.forEach(t -> t.cancel(false));
            if (socket == null) {
                return;
            }
            WebSocket ws = socket;
            socket = null;
            // After what is being sent: a report on its way should still arrive.
            closing = sending.thenCompose(previous -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping"));
        }
        try {
            closing.get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("close not confirmed: {}", describe(e));
        }
    }
}
