package communecast.app.db;

import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchWriterTest {

    @Test
    void whatArrivesWhileTheWriterIsBusyGoesOutInOrderInBoundedBatches() throws Exception {
        CountDownLatch firstBatchHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        try (BatchWriter<Integer> writer = new BatchWriter<>("numbers", batch -> {
            firstBatchHeld.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
            batches.add(List.copyOf(batch));
        })) {
            writer.add(0);
            firstBatchHeld.await();
            IntStream.rangeClosed(1, 1200).forEach(writer::add);
            release.countDown();

            await().atMost(Duration.ofSeconds(10)).until(() -> batches.stream().mapToInt(List::size).sum() == 1201);
        }

        assertEquals(IntStream.rangeClosed(0, 1200).boxed().toList(), batches.stream().flatMap(List::stream).toList());
        assertTrue(batches.stream().allMatch(b -> b.size() <= BatchWriter.MAX_BATCH), batches.stream().map(List::size).toList()::toString);
        assertEquals(List.of(1, 500, 500, 200), batches.stream().map(List::size).toList());
    }

    @Test
    void aBatchThatFailsOnceIsWrittenAgainWhole() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<List<Integer>> written = new CopyOnWriteArrayList<>();
        try (BatchWriter<Integer> writer = new BatchWriter<>("numbers", batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("deadlock found when trying to get lock");
            }
            written.add(List.copyOf(batch));
        })) {
            writer.add(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !written.isEmpty());
        }
        assertEquals(List.of(List.of(1)), written);
        assertEquals(2, calls.get());
    }

    @Test
    void withoutADatabaseConnectionABatchIsTriedOnceAndDropped() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> written = new CopyOnWriteArrayList<>();
        try (BatchWriter<Integer> writer = new BatchWriter<>("numbers", batch -> {
            if (calls.incrementAndGet() == 1) {
                // As JDBI throws it when the pool times out waiting for a connection.
                throw new ConnectionException(new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms"));
            }
            written.addAll(batch);
        })) {
            writer.add(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
            writer.add(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> written.contains(2));
        }
        assertEquals(List.of(2), written);
        assertEquals(2, calls.get(), "not tried again, nor item by item, each try waiting out the pool's timeout");
    }

    @Test
    void aBatchThatFailsTwiceIsWrittenItemByItemSoOneBadItemCostsOnlyItself() throws Exception {
        CountDownLatch firstBatchHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> written = new CopyOnWriteArrayList<>();
        try (BatchWriter<Integer> writer = new BatchWriter<>("numbers", batch -> {
            if (batch.contains(0)) {
                firstBatchHeld.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
            }
            if (batch.contains(13)) {
                throw new IllegalStateException("a row that breaks a constraint");
            }
            written.addAll(batch);
        })) {
            writer.add(0);
            firstBatchHeld.await();
            IntStream.rangeClosed(1, 20).forEach(writer::add);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 20);
        }
        assertEquals(IntStream.rangeClosed(0, 20).filter(i -> i != 13).boxed().toList(), written);
    }
}
