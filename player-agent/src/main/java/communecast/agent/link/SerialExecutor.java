package communecast.agent.link;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Runs tasks one at a time, in the order given, on another executor's threads. */
final class SerialExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor threads;
    private Runnable active;

    SerialExecutor(Executor threads) {
        this.threads = threads;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                next();
            }
        });
        if (active == null) {
            next();
        }
    }

    private synchronized void next() {
        active = tasks.poll();
        if (active == null) {
            return;
        }
        try {
            threads.execute(active);
        } catch (RejectedExecutionException stopping) {
            // The agent is stopping: what was still to be handled goes with it, as if it came a moment later.
            tasks.clear();
            active = null;
        }
    }
}
