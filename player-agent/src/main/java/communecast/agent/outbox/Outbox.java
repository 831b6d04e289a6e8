package communecast.agent.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.JsonFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports waiting for the server's ack, one file each, named by a sequence number so they go out in the
 * order they were made, also after a restart.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final String NAME_FORMAT = "%012d";

    private final JsonFiles<Report> files;
    /** reportId → stored report, in sequence order. */
    private final Map<String, Stored> pending = new LinkedHashMap<>();
    private final List<Consumer<Report>> listeners = new CopyOnWriteArrayList<>();
    private long lastSequence;

    public Outbox(Path dir, ObjectMapper mapper) {
        this.files = new JsonFiles<>(dir, Report.class, mapper);
        for (String name : files.names()) {
            Report report = files.read(name);
            pending.put(report.reportId(), new Stored(name, report));
            lastSequence = Math.max(lastSequence, Long.parseLong(name));
        }
    }

    /** Called with each new report, so a connected link can send it at once. */
    public void onAdded(Consumer<Report> listener) {
        listeners.add(listener);
    }

    public void add(Report report) {
        if (!store(report)) {
            return;
        }
        LOG.info("report {}{}", report.reportId(), report.reason() == null ? "" : " (" + report.reason() + ")");
        listeners.forEach(l -> l.accept(report));
    }

    private synchronized boolean store(Report report) {
        if (pending.containsKey(report.reportId())) {
            return false;
        }
        String name = NAME_FORMAT.formatted(++lastSequence);
        files.write(name, report);
        pending.put(report.reportId(), new Stored(name, report));
        return true;
    }

    /** The server has the report (or refused it for good): forget it. */
    public synchronized void acknowledge(String reportId) {
        Stored stored = pending.remove(reportId);
        if (stored != null) {
            files.delete(stored.name());
        }
    }

    public synchronized List<Report> pending() {
        return pending.values().stream().map(Stored::report).toList();
    }

    private record Stored(String name, Report report) {
    }
}
