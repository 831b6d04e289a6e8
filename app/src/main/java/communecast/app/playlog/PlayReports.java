package communecast.app.playlog;

import communecast.app.db.BatchWriter;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The devices' play reports, committed in batches: ten thousand devices reporting an emergency's PLAYING and
 * PLAYED at once would otherwise each wait for one of a few pooled connections, and time out. A device is
 * answered only after its report is committed; one left unanswered (not committed even alone) sends it again.
 */
@Singleton
public class PlayReports {
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

    /** Throws if the batch failed: the writer tries it again, then report by report. */
    private void commit(List<Submitted> arrived) {
        // Rows locked by id, as the deliveries' batches do, so the two never deadlock; a sort that keeps one
        // order's PLAYING before its PLAYED.
        List<Submitted> batch = arrived.stream().sorted(Comparator.comparingLong(s -> s.report().report().orderId())).toList();
        List<PlayLog.Outcome> outcomes = playLog.reportAll(batch.stream().map(Submitted::report).toList());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().accept(outcomes.get(i));
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.close();
    }
}
