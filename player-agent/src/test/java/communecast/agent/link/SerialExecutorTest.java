package communecast.agent.link;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void tasksRunOneAtATimeInTheOrderGivenOnManyThreads() {
        SerialExecutor serial = new SerialExecutor(threads);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        IntStream.range(0, 500).forEach(i -> serial.execute(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            ran.add(i);
            running.decrementAndGet();
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 500);
        assertEquals(IntStream.range(0, 500).boxed().toList(), ran);
        assertEquals(1, mostAtOnce.get());
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesAfterIt() {
        SerialExecutor serial = new SerialExecutor(threads);
        List<String> ran = new CopyOnWriteArrayList<>();
        serial.execute(() -> {
            throw new IllegalStateException("broken message");
        });
        serial.execute(() -> ran.add("next"));
        // The failure goes to the pool's thread, as any task's would.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !ran.isEmpty());
        assertTrue(ran.contains("next"));
    }

    @Test
    void afterItsThreadsStopNothingMoreRunsAndNothingIsThrown() {
        SerialExecutor serial = new SerialExecutor(threads);
        threads.shutdownNow();
        List<String> ran = new CopyOnWriteArrayList<>();
        serial.execute(() -> ran.add("too late"));
        assertTrue(ran.isEmpty());
    }
}
