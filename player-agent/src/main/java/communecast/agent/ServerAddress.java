package communecast.agent;

import java.net.URI;
import java.net.URISyntaxException;

/** Where the server is; builds the HTTP and WebSocket addresses the agent calls. */
public record ServerAddress(String base) {

    public ServerAddress {
        if (!(base.startsWith("http://") || base.startsWith("https://")) || !hasHost(base)) {
            throw new IllegalArgumentException("server URL must be http:// or https:// and name a host: " + base);
        }
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static boolean hasHost(String url) {
        try {
            return new URI(url).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
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
