package communecast.app.cluster;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two nodes on the real NATS of the machine (127.0.0.1:4222; skipped where none runs). */
class NatsClusterTest {
    private static final String URL = "nats://127.0.0.1:4222";
    /** Device ids of this run only: other runs on the same broker must not answer for them. */
    private final long device = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    private NatsCluster a;
    private NatsCluster b;

    @BeforeEach
    void twoNodes() {
        assumeTrue(natsAnswers(), "skipped: no NATS on 127.0.0.1:4222 (.ci/run starts one)");
        a = new NatsCluster("test-a-" + device, URL);
        b = new NatsCluster("test-b-" + device, URL);
    }

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
            b.close();
        }
    }

    @Test
    void mailReachesTheNodeHoldingTheDeviceAndSaysWhetherItWasWritten() throws Exception {
        List<DeviceMail> seen = new CopyOnWriteArrayList<>();
        b.hold(device, mail -> {
            seen.add(mail);
            return CompletableFuture.completedFuture(mail.kind() == DeviceMail.Kind.PING || !mail.frame().contains("fail"));
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> a.deliver(device, DeviceMail.ping()).get(5, TimeUnit.SECONDS));
        assertTrue(a.deliver(device, DeviceMail.frame("{\"type\":\"orders\",\"text\":\"Bản tin\"}")).get(5, TimeUnit.SECONDS));
        // The holder stays silent (a node whose link just closed must not outshout the node that has it): the wait runs out.
        assertFalse(a.deliver(device, DeviceMail.frame("fail")).get(20, TimeUnit.SECONDS), "the holder could not write it");
        assertTrue(seen.contains(DeviceMail.frame("{\"type\":\"orders\",\"text\":\"Bản tin\"}")), "the frame arrives whole: " + seen);
    }

    @Test
    void mailWhoseSenderStoppedWaitingIsDroppedNotWrittenLate() throws Exception {
        List<DeviceMail> seen = new CopyOnWriteArrayList<>();
        b.hold(device, mail -> {
            seen.add(mail);
            return CompletableFuture.completedFuture(true);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> a.deliver(device, DeviceMail.ping()).get(5, TimeUnit.SECONDS));
        seen.clear();

        // As a sender's request sits in a broker queue past its deadline: sent with an "until" already passed.
        try (Connection raw = Nats.connect(URL)) {
            Headers late = new Headers().put("kind", "FRAME").put("until", Long.toString(System.currentTimeMillis() - 1));
            assertThrows(Exception.class, () -> raw.requestWithTimeout("communecast.device." + device, late,
                    "withdrawn long ago".getBytes(), Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS));
        }
        assertTrue(a.deliver(device, DeviceMail.frame("now")).get(5, TimeUnit.SECONDS));
        assertEquals(List.of(DeviceMail.frame("now")), seen);
    }

    @Test
    void noNodeHoldingTheDeviceIsToldAtOnceNotAfterATimeout() throws Exception {
        b.hold(device, mail -> CompletableFuture.completedFuture(true));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.deliver(device, DeviceMail.ping()).get(5, TimeUnit.SECONDS));

        b.release(device);

        // "No responders" comes back in milliseconds; the request's own timeout is 7 s.
        await().atMost(Duration.ofSeconds(3)).until(() -> !a.deliver(device, DeviceMail.frame("x")).get(2, TimeUnit.SECONDS));
    }

    @Test
    void aDeviceThatRelinksToAnotherNodeIsFoundThere() throws Exception {
        b.hold(device, mail -> CompletableFuture.completedFuture(true));
        List<String> atA = new CopyOnWriteArrayList<>();
        NatsCluster c = new NatsCluster("test-c-" + device, URL);
        try {
            b.release(device);
            a.hold(device, mail -> {
                atA.add(mail.frame());
                return CompletableFuture.completedFuture(true);
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> c.deliver(device, DeviceMail.frame("after relink")).get(5, TimeUnit.SECONDS));
            assertEquals("after relink", atA.getLast());
        } finally {
            c.close();
        }
    }

    @Test
    void newsReachesTheOtherNodesButNotItsSender() {
        List<String> atA = new CopyOnWriteArrayList<>();
        List<String> atB = new CopyOnWriteArrayList<>();
        String topic = "test-" + device;
        a.onNews(topic, atA::add);
        b.onNews(topic, atB::add);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            a.announce(topic, "42");
            return !atB.isEmpty();
        });
        assertEquals("42", atB.getFirst());
        assertTrue(atA.isEmpty(), "the sender heard its own news: " + atA);
    }

    private static boolean natsAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 4222), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
