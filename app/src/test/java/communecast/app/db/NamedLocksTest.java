package communecast.app.db;

import communecast.app.TestServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database's named locks, held on one connection and asked for on others, as two nodes would: a second
 * holder waits or is told no; the holder's own nested call goes through.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamedLocksTest implements TestPropertyProvider {

    @Inject
    NamedLocks locks;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties();
    }

    @Test
    void aLockHeldElsewhereIsNotTakenUntilReleased() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> locks.run("test.campaign.1", Duration.ofSeconds(5), () -> {
            holding.countDown();
            await(release);
        }));
        assertTrue(holding.await(10, TimeUnit.SECONDS));

        boolean[] ran = new boolean[1];
        NamedLocks.Taken e = assertThrows(NamedLocks.Taken.class,
                () -> locks.run("test.campaign.1", Duration.ofMillis(500), () -> ran[0] = true));
        assertEquals("lock test.campaign.1 still taken after 500 ms", e.getMessage());
        assertFalse(ran[0], "taken by the other connection");
        locks.run("test.campaign.2", Duration.ZERO, () -> ran[0] = true);
        assertTrue(ran[0], "another name is free");

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertEquals("free", locks.call("test.campaign.1", Duration.ofSeconds(5), () -> "free"));
    }

    @Test
    void theHolderMayTakeItAgainInside() {
        String inner = locks.call("test.campaign.3", Duration.ofSeconds(5),
                () -> locks.call("test.campaign.3", Duration.ofSeconds(1), () -> "nested"));
        assertEquals("nested", inner);
        assertEquals("released", CompletableFuture.supplyAsync(() -> locks.call("test.campaign.3", Duration.ZERO, () -> "released"))
                .join(), "free for another thread after the outer call");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
