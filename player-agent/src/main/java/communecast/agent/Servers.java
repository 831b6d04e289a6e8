package communecast.agent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The servers the agent may link to, in the order given, and the one it uses now: a province may run two
 * server nodes without a load balancer. Every server-bound call asks for {@link #current()}, so media,
 * screenshots and the link all go where the agent is linked.
 */
public final class Servers {

    private final List<ServerAddress> all;
    // Guarded by this.
    private int current;
    /** Failures in a row since the last link: each whole round of the list is a reason to wait longer. */
    private int failures;

    public Servers(List<ServerAddress> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no server given");
        }
        this.all = List.copyOf(new LinkedHashSet<>(all));
    }

    /**
     * {@code http://a:8080,http://b:8080}: URLs separated by commas, kept in order, each once. The message of
     * the exception says what is wrong, written to follow the setting's name ("--server must be …").
     */
    public static List<ServerAddress> parse(String list) {
        if (list.isBlank()) {
            throw new IllegalArgumentException("is empty: give one http:// or https:// URL or more, separated by commas");
        }
        Set<ServerAddress> servers = new LinkedHashSet<>();
        for (String entry : list.split(",", -1)) {
            String url = entry.strip();
            if (url.isEmpty()) {
                throw new IllegalArgumentException("has an empty entry (two commas in a row, or one at an end): " + list);
            }
            try {
                servers.add(new ServerAddress(url));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be an http:// or https:// URL, not " + url);
            }
        }
        return List.copyOf(servers);
    }

    public List<ServerAddress> all() {
        return all;
    }

    public synchronized ServerAddress current() {
        return all.get(current);
    }

    /**
     * {@code server} failed to answer or lost its link: the next one in the list becomes current. A failure of
     * a server that is no longer current is stale (another call already moved on) and changes nothing.
     *
     * @return whether every server has now failed in turn since the last link: time to wait longer
     */
    public synchronized boolean failed(ServerAddress server) {
        if (!server.equals(current())) {
            return false;
        }
        current = (current + 1) % all.size();
        failures++;
        return failures % all.size() == 0;
    }

    /** The link to {@code server} is up: a new round of failures starts from nothing. */
    public synchronized void linked(ServerAddress server) {
        if (server.equals(current())) {
            failures = 0;
        }
    }

    @Override
    public String toString() {
        return String.join(",", all.stream().map(ServerAddress::toString).toList());
    }
}
