package communecast.app.db;

import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Locks every server node sharing the database sees (MariaDB's GET_LOCK, held by one pooled connection while
 * the work runs): one dispatch of a campaign at a time in the whole cluster, one sweep at a time. Reentrant
 * within a thread, as the monitors they replace were.
 */
@Singleton
public class NamedLocks {
    private final Jdbi jdbi;
    private final ThreadLocal<Set<String>> heldHere = ThreadLocal.withInitial(HashSet::new);

    NamedLocks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Waits up to {@code wait} for the lock, then runs {@code work} holding it; fails if it stayed taken. */
    public <T> T call(String name, Duration wait, Supplier<T> work) {
        if (heldHere.get().contains(name)) {
            return work.get();
        }
        try (Handle handle = jdbi.open()) {
            if (!acquire(handle, name, wait)) {
                throw new IllegalStateException("lock " + name + " still taken after " + wait.toMillis() + " ms");
            }
            return holding(handle, name, work);
        }
    }

    public void run(String name, Duration wait, Runnable work) {
        call(name, wait, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} if no node holds the lock now; false if one does (its run does the job). */
    public boolean runIfFree(String name, Runnable work) {
        if (heldHere.get().contains(name)) {
            work.run();
            return true;
        }
        try (Handle handle = jdbi.open()) {
            if (!acquire(handle, name, Duration.ZERO)) {
                return false;
            }
            holding(handle, name, () -> {
                work.run();
                return null;
            });
            return true;
        }
    }

    private <T> T holding(Handle handle, String name, Supplier<T> work) {
        heldHere.get().add(name);
        try {
            return work.get();
        } finally {
            heldHere.get().remove(name);
            handle.createQuery("SELECT RELEASE_LOCK(:name)").bind("name", name).mapTo(Integer.class).findOne();
        }
    }

    private static boolean acquire(Handle handle, String name, Duration wait) {
        Integer got = handle.createQuery("SELECT GET_LOCK(:name, :seconds)").bind("name", name)
                .bind("seconds", wait.toMillis() / 1000.0).mapTo(Integer.class).findOne().orElse(null);
        return got != null && got == 1;
    }
}
