package communecast.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServersTest {

    private static final ServerAddress A = new ServerAddress("http://10.0.0.5:8080");
    private static final ServerAddress B = new ServerAddress("https://10.0.0.6");
    private static final ServerAddress C = new ServerAddress("http://radio.example.vn/cc");

    @Test
    void parsesURLsSeparatedByCommasInOrderEachOnce() {
        assertEquals(List.of(A), Servers.parse("http://10.0.0.5:8080"));
        assertEquals(List.of(A, B, C), Servers.parse(" http://10.0.0.5:8080/ ,https://10.0.0.6,http://radio.example.vn/cc"));
        assertEquals(List.of(B, A), Servers.parse("https://10.0.0.6,http://10.0.0.5:8080,https://10.0.0.6/"));
    }

    @Test
    void namesTheEntryThatIsNotAServerURL() {
        assertEquals("must be an http:// or https:// URL, not 10.0.0.6:8080", problem("http://10.0.0.5:8080,10.0.0.6:8080"));
        assertEquals("must be an http:// or https:// URL, not ws://10.0.0.6", problem("ws://10.0.0.6"));
        assertEquals("must be an http:// or https:// URL, not http://", problem("http://"));
        assertEquals("must be an http:// or https:// URL, not http://bad host", problem("http://bad host"));
        assertEquals("has an empty entry (two commas in a row, or one at an end): http://a,", problem("http://a,"));
        assertEquals("has an empty entry (two commas in a row, or one at an end): http://a, ,http://b",
                problem("http://a, ,http://b"));
        assertEquals("is empty: give one http:// or https:// URL or more, separated by commas", problem(" "));
    }

    @Test
    void startsAtTheFirstAndMovesToTheNextOnEachFailureWrapping() {
        Servers servers = new Servers(List.of(A, B, C));

        assertEquals(A, servers.current());
        servers.failed(A);
        assertEquals(B, servers.current());
        servers.failed(B);
        assertEquals(C, servers.current());
        servers.failed(C);
        assertEquals(A, servers.current());
    }

    @Test
    void aFailureOfAServerNoLongerCurrentChangesNothing() {
        Servers servers = new Servers(List.of(A, B, C));
        servers.failed(A);

        assertFalse(servers.failed(A), "a stale report");
        assertEquals(B, servers.current(), "still B: one failure moves the agent once");
    }

    @Test
    void saysWhenEveryServerHasFailedInTurnSinceTheLastLink() {
        Servers servers = new Servers(List.of(A, B));

        assertFalse(servers.failed(A), "B not tried yet");
        assertTrue(servers.failed(B), "a whole round failed");
        assertFalse(servers.failed(A));
        servers.linked(B);
        assertFalse(servers.failed(B), "linked to B since: a new round");
        assertTrue(servers.failed(A));
    }

    @Test
    void withOneServerEachFailureIsAWholeRound() {
        Servers servers = new Servers(List.of(A));

        assertTrue(servers.failed(A));
        assertTrue(servers.failed(A));
        assertEquals(A, servers.current());
    }

    @Test
    void anEmptyListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Servers(List.of()));
    }

    private static String problem(String list) {
        return assertThrows(IllegalArgumentException.class, () -> Servers.parse(list)).getMessage();
    }
}
