package communecast.agent.player;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.JsonFiles;
import communecast.agent.outbox.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The last thing the agent did with each order, one file each. Unlike the outbox it is kept after the
 * server's ack: it is what stops an order from airing twice when the server sends it again.
 */
public final class PlayJournal {

    private final Path dir;
    private final JsonFiles<Report> files;

    public PlayJournal(Path dir, ObjectMapper mapper) {
        this.files = new JsonFiles<>(dir, Report.class, mapper);
        this.dir = dir;
    }

    public synchronized void record(Report report) {
        files.write(name(report.orderId()), report);
    }

    public synchronized Optional<Report> last(long orderId) {
        String name = name(orderId);
        return files.exists(name) ? Optional.of(files.read(name)) : Optional.empty();
    }

    /** Drops records written before {@code cutoff}: no server re-sends an order that old. */
    public synchronized void forgetOlderThan(Instant cutoff) {
        for (String name : files.names()) {
            if (modified(dir.resolve(name + ".json")).isBefore(cutoff)) {
                files.delete(name);
            }
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + file, e);
        }
    }

    private static String name(long orderId) {
        return Long.toString(orderId);
    }
}
