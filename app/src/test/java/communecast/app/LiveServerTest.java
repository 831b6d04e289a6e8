package communecast.app;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * A whole server on a free port with its own embedded database, reached by a real HTTP client, shared by the
 * tests of one class. The concrete class carries {@code @MicronautTest}; it overrides {@link #getProperties()}
 * to change a setting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LiveServerTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    protected HttpClient client;
    @Inject
    protected EmbeddedServer server;
    @Inject
    protected JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties();
    }
}
