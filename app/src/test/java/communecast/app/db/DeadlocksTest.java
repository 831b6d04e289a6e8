package communecast.app.db;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeadlocksTest {
    private static RuntimeException deadlock() {
        return new IllegalStateException("statement failed",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213));
    }

    @Test
    void aDeadlockedTransactionRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        String result = Deadlocks.retried(() -> {
            if (runs.incrementAndGet() < Deadlocks.TRIES) {
                throw deadlock();
            }
            return "committed";
        });
        assertEquals("committed", result);
        assertEquals(Deadlocks.TRIES, runs.get());
    }

    @Test
    void anyOtherFailureAndATooStubbornDeadlockAreThrown() {
        AtomicInteger runs = new AtomicInteger();
        RuntimeException other = new IllegalStateException("bad", new SQLException("duplicate", "23000"));
        assertSame(other, assertThrows(IllegalStateException.class, () -> Deadlocks.retried(() -> {
            runs.incrementAndGet();
            throw other;
        })));
        assertEquals(1, runs.get(), "not run again");
        AtomicInteger stubborn = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> Deadlocks.retried(() -> {
            stubborn.incrementAndGet();
            throw deadlock();
        }));
        assertEquals(Deadlocks.TRIES, stubborn.get());
    }
}
