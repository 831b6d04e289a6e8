package communecast.app.db;

import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Takes small writes from many threads (network threads among them, which must not wait for the database)
 * and hands whatever has arrived meanwhile to one writer thread as one batch: thousands of devices cost a few
 * transactions a second instead of one each. A batch holds at most {@link #MAX_BATCH} items: a transaction over
 * ten thousand rows ran long enough to deadlock with the single-row writes beside it, and was undone whole.
 * A failed batch is written once more (a deadlock is undone whole and seldom happens twice), then item by item,
 * so one bad item does not cost the others. Without a database connection it is dropped at once: each try would
 * wait out the pool's timeout, and what the items say comes again (reports unanswered are sent again, beats every
 * 30 s, a silent link is closed and linked anew).
 */
public final class BatchWriter<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    static final int MAX_BATCH = 500;

    private final Queue<T> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final ExecutorService writer;
    private final Consumer<List<T>> write;
    private final String what;

    /** {@code write} runs on the writer thread; {@code what} names the items in a log line if it fails. */
    public BatchWriter(String what, Consumer<List<T>> write) {
        this.what = what;
        this.write = write;
        this.writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(what + "-writer").daemon().factory());
    }

    public void add(T item) {
        arrived.add(item);
        if (flushQueued.compareAndSet(false, true)) {
            writer.execute(this::flush);
        }
    }

    private void flush() {
        // Cleared before draining: whatever arrives after this point queues a flush of its own.
        flushQueued.set(false);
        List<T> batch = new ArrayList<>();
        for (T item = arrived.poll(); item != null; item = batch.size() < MAX_BATCH ? arrived.poll() : null) {
            batch.add(item);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (!arrived.isEmpty() && flushQueued.compareAndSet(false, true)) {
            writer.execute(this::flush); // the rest, after this batch
        }
        try {
            writeOnceMore(batch);
        } catch (RuntimeException e) {
            if (noConnection(e)) {
                LOG.warn("Dropped {} {}: no database connection ({})", batch.size(), what, e.toString());
                return;
            }
            LOG.warn("A batch of {} {} failed twice ({}); writing them one by one", batch.size(), what, e.toString());
            writeOneByOne(batch);
        }
    }

    private void writeOnceMore(List<T> batch) {
        try {
            write.accept(batch);
        } catch (RuntimeException e) {
            if (noConnection(e)) {
                throw e;
            }
            LOG.info("A batch of {} {} failed ({}); writing it again", batch.size(), what, e.toString());
            write.accept(batch);
        }
    }

    private static boolean noConnection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private void writeOneByOne(List<T> batch) {
        int lost = 0;
        RuntimeException last = null;
        for (T item : batch) {
            try {
                write.accept(List.of(item));
            } catch (RuntimeException e) {
                lost++;
                last = e;
            }
        }
        if (lost > 0) {
            LOG.warn("Could not write {} of {} {}, the last because of {}", lost, batch.size(), what, last.toString());
        }
    }

    /** Writes what is still queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
