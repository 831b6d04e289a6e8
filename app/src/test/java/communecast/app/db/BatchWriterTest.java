package communecast.app.db;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
}
