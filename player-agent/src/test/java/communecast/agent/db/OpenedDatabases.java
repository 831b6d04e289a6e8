package communecast.agent.db;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Agent databases a test opened, closed after it. Opening the same directory again without closing the
 * earlier one is how a test restarts the agent after a crash.
 */
public final class OpenedDatabases implements AutoCloseable {

    private final List<AgentDatabase> opened = new ArrayList<>();

    public synchronized AgentDatabase open(Path dataDir) {
        AgentDatabase database = AgentDatabase.open(dataDir);
        opened.add(database);
        return database;
    }

    @Override
    public synchronized void close() {
        opened.forEach(AgentDatabase::close);
        opened.clear();
    }
}
