package communecast.app.dispatch;

import communecast.app.db.BatchWriter;
import communecast.app.playlog.PlayLog;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records when orders reached their devices' links, in batches (the writes complete on network threads). */
@Singleton
final class Deliveries {
    private record Delivered(long logId, Instant at) {
    }

    private final BatchWriter<Delivered> writer;
    private final Clock clock;

    Deliveries(PlayLog playLog, Clock clock) {
        this.clock = clock;
        // Only the delivery time is lost if a write fails: the play itself is in the log and on the device.
        this.writer = new BatchWriter<>("deliveries", batch -> {
            // By id, the order the reports' batches lock rows in too: two batches never wait on each other in a circle.
            Map<Long, Instant> atByLogId = new TreeMap<>();
            batch.forEach(d -> atByLogId.put(d.logId(), d.at()));
            playLog.delivered(atByLogId);
        });
    }

    void record(List<Long> logIds) {
        Instant now = clock.instant();
        logIds.forEach(id -> writer.add(new Delivered(id, now)));
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.close();
    }
}
