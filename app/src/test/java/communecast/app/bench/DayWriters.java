package communecast.app.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** The benches' year of logs, written day by day on several connections, each day its own transaction. */
final class DayWriters {
    /** One day's rows on a connection; the number written. */
    interface Day {
        long write(Connection db, int day) throws SQLException;
    }

    interface Connections {
        Connection open() throws SQLException;
    }

    private DayWriters() {
    }

    /** Days 0 to {@code count} − 1 round-robin on {@code threads} connections, progress every {@code every} days; the rows written. */
    static long write(Connections connections, int count, int threads, int every, Day day) throws Exception {
        AtomicLong rows = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                try (Connection db = connections.open()) {
                    db.setAutoCommit(false);
                    for (int d = thread; d < count; d += threads) {
                        rows.addAndGet(day.write(db, d));
                        db.commit();
                        if (d % every == 0) {
                            System.out.printf(Locale.ROOT, "  day %d of %d, %,d rows so far%n", d + 1, count, rows.get());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        return rows.get();
    }
}
