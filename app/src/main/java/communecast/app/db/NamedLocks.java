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
 * the work runs): one dispatch of a campaign at a time in the whole cluster. Named within this database (other
 * schemas on the same MariaDB have their own), reentrant within a thread, and freed by MariaDB if a node hangs
 * holding one (its idle lock connection is dropped after {@link #HUNG_NODE}).
 */
@Singleton
public class NamedLocks {
    /** Longer than any locked work: the lock's connection idles while the work runs on others. */
    private static final Duration HUNG_NODE = Duration.ofMinutes(10);

    private final Jdbi jdbi;
    private final ThreadLocal<Set<String>> heldHere = ThreadLocal.withInitial(HashSet::new);

    NamedLocks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The lock stayed taken by another node (or another thread here) for the whole wait. */
    public static final class Taken extends RuntimeException {
        Taken(String name, Duration wait) {
            super("lock " + name + " still taken after " + wait.toMillis() + " ms");
        }
    }

    /** Waits up to {@code wait} for the lock, then runs {@code work} holding it; {@link Taken} if it stayed taken. */
    public <T> T call(String name, Duration wait, Supplier<T> work) {
        if (heldHere.get().contains(name)) {
            return work.get();
        }
        try (Handle handle = jdbi.open()) {
            handle.execute("SET SESSION wait_timeout = " + HUNG_NODE.toSeconds());
            try {
                if (!acquire(handle, name, wait)) {
                    throw new Taken(name, wait);
                }
                return holding(handle, name, work);
            } finally {
                handle.execute("SET SESSION wait_timeout = DEFAULT");
            }
        }
    }

    public void run(String name, Duration wait, Runnable work) {
        call(name, wait, () -> {
            work.run();
            return null;
        });
    }

    private <T> T holding(Handle handle, String name, Supplier<T> work) {
        heldHere.get().add(name);
        try {
            return work.get();
        } finally {
            heldHere.get().remove(name);
            handle.createQuery("SELECT RELEASE_LOCK(LEFT(CONCAT(DATABASE(), '/', :name), 64))").bind("name", name)
                    .mapTo(Integer.class).findOne();
        }
    }

    private static boolean acquire(Handle handle, String name, Duration wait) {
        Integer got = handle.createQuery("SELECT GET_LOCK(LEFT(CONCAT(DATABASE(), '/', :name), 64), :seconds)").bind("name", name)
                .bind("seconds", wait.toMillis() / 1000.0).mapTo(Integer.class).findOne().orElse(null);
        return got != null && got == 1;
    }
}
