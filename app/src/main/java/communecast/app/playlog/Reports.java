package communecast.app.playlog;

import communecast.app.db.BatchWriter;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * The devices' play reports, committed in batches: ten thousand devices reporting an emergency's PLAYING and
 * PLAYED at once would otherwise each wait for one of a few pooled connections, and time out. A device is
 * answered only after its report is committed; one left unanswered sends it again.
 */
@Singleton
public class Reports {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private record Submitted(PlayLog.DeviceReport report, Consumer<PlayLog.Outcome> answer) {
    }

    private final PlayLog playLog;
    private final BatchWriter<Submitted> writer;

    Reports(PlayLog playLog) {
        this.playLog = playLog;
        this.writer = new BatchWriter<>("reports", this::commit);
    }

    /** {@code answer} runs on the writer thread once the report is committed (or refused); not if it failed. */
    public void submit(long deviceId, PlayReport report, Consumer<PlayLog.Outcome> answer) {
        writer.add(new Submitted(new PlayLog.DeviceReport(deviceId, report), answer));
    }

    private void commit(List<Submitted> batch) {
        List<PlayLog.Outcome> outcomes;
        try {
            outcomes = playLog.reportAll(batch.stream().map(Submitted::report).toList());
        } catch (RuntimeException e) {
            // One report must not hold back the others (a deadlock, a row that breaks a constraint): one by one.
            LOG.warn("A batch of {} reports failed ({}); committing them one by one", batch.size(), e.toString());
            batch.forEach(this::commitAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().accept(outcomes.get(i));
        }
    }

    private void commitAlone(Submitted submitted) {
        PlayLog.DeviceReport r = submitted.report();
        try {
            submitted.answer().accept(playLog.report(r.deviceId(), r.report()));
        } catch (RuntimeException e) {
            LOG.warn("Device {}: report on order {} not committed, left for the device to send again: {}",
                    r.deviceId(), r.report().orderId(), e.toString());
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.close();
    }
}
