package communecast.app.playlog;

import communecast.app.db.BatchWriter;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The devices' play reports, committed in batches: ten thousand devices reporting an emergency's PLAYING and
 * PLAYED at once would otherwise each wait for one of a few pooled connections, and time out. A device is
 * answered only after its report is committed; one left unanswered sends it again.
 */
@Singleton
public class PlayReports {
    private static final Logger LOG = LoggerFactory.getLogger(PlayReports.class);

    private record Submitted(PlayLog.DeviceReport report, Consumer<PlayLog.Outcome> answer) {
    }

    private final PlayLog playLog;
    private final BatchWriter<Submitted> writer;

    PlayReports(PlayLog playLog) {
        this.playLog = playLog;
        this.writer = new BatchWriter<>("reports", this::commit);
    }

    /** {@code answer} runs on the writer thread once the report is committed (or refused); not if it failed. */
    public void submit(long deviceId, PlayReport report, Consumer<PlayLog.Outcome> answer) {
        writer.add(new Submitted(new PlayLog.DeviceReport(deviceId, report), answer));
    }

    private void commit(List<Submitted> arrived) {
        // Rows locked by id, as the deliveries' batches do, so the two never deadlock; a sort that keeps one
        // order's PLAYING before its PLAYED.
        List<Submitted> batch = arrived.stream().sorted(Comparator.comparingLong(s -> s.report().report().orderId())).toList();
        List<PlayLog.Outcome> outcomes;
        try {
            outcomes = commitOnceMore(batch);
        } catch (RuntimeException e) {
            // One report must not hold back the others (a row that breaks a constraint): one by one.
            LOG.warn("A batch of {} reports failed twice ({}); committing them one by one", batch.size(), e.toString());
            batch.forEach(this::commitAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().accept(outcomes.get(i));
        }
    }

    /** A deadlock with another transaction is undone whole and seldom happens twice. */
    private List<PlayLog.Outcome> commitOnceMore(List<Submitted> batch) {
        List<PlayLog.DeviceReport> reports = batch.stream().map(Submitted::report).toList();
        try {
            return playLog.reportAll(reports);
        } catch (RuntimeException e) {
            LOG.info("A batch of {} reports failed ({}); trying it again", batch.size(), e.toString());
            return playLog.reportAll(reports);
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
