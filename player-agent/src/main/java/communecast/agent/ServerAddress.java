package communecast.agent;

import java.net.URI;

/** Where the server is; builds the HTTP and WebSocket addresses the agent calls. */
public record ServerAddress(String base) {

    public ServerAddress {
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("server URL must start with http:// or https://: " + base);
        }
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** {@code path} is absolute on the server, e.g. {@code /agent/media/7}. */
    public URI http(String path) {
        return URI.create(base + path);
    }

    public URI ws(String path) {
        return URI.create(base.replaceFirst("^http", "ws") + path);
    }

    @Override
    public String toString() {
        return base;
    }
}
