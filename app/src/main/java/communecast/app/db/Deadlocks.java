package communecast.app.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * InnoDB undoes one of two transactions that wait for each other's rows (a deadlock: SQLSTATE 40001) and expects
 * it to be run again. A user's Stop, cancel or pause must not fail on it while a sweep passes over the same rows.
 * Only for a transaction of its own (never one nested in a caller's, which the deadlock undid too).
 */
public final class Deadlocks {
    private static final Logger LOG = LoggerFactory.getLogger(Deadlocks.class);
    private static final String DEADLOCK = "40001";
    static final int TRIES = 3;

    private Deadlocks() {
    }

    public static <T> T retried(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= TRIES || !isDeadlock(e)) {
                    throw e;
                }
                LOG.info("deadlock, undone by the database; running the transaction again ({} of {})", attempt + 1, TRIES);
            }
        }
    }

    static boolean isDeadlock(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
