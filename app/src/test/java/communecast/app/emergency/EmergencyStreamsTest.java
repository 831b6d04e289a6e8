package communecast.app.emergency;

import communecast.app.Api;
import communecast.app.LiveServerTest;
import communecast.media.testing.TestMedia;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/emergency/{id}/events} bounded (issue 21): one database poll per emergency whatever the
 * number of followers, and five open streams per user. The target device never links, so the emergency stays
 * open (OFFLINE until its window closes) and so do its streams.
 */
@MicronautTest
class EmergencyStreamsTest extends LiveServerTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EmergencyFeeds feeds;

    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    Api editor;
    String viewerToken;
    long viewerId;
    long commune;
    long media;

    @BeforeAll
    void world() throws IOException {
        Api admin = Api.admin(client.toBlocking());
        commune = admin.communeIn("Tỉnh Lai Châu", "LC", "Xã Pa Vây Sử", "LC-PVS");
        admin.post("/api/devices", Map.of("name", "Đài xã", "areaId", commune, "kind", "RADIO"));
        admin.post("/api/users", Map.of("username", "bien-tap", "password", "password-123", "role", "EDITOR", "areaId", commune));
        viewerId = admin.post("/api/users", Map.of("username", "xem", "password", "password-123", "role", "VIEWER", "areaId", commune)).id();
        editor = Api.login(client.toBlocking(), "bien-tap", "password-123");
        viewerToken = Api.login(client.toBlocking(), "xem", "password-123").tokenForTests();
        media = editor.upload("Báo lũ", TestMedia.tone(Files.createTempDirectory("streams").resolve("flood.wav"), Duration.ofSeconds(2), 660)).id();
        await().atMost(WAIT).until(() -> "READY".equals(editor.get("/api/media/" + media).string("status")));
    }

    @Test
    void everyFollowerOfAnEmergencySharesOnePoll() throws Exception {
        long first = emergency();
        long second = emergency();
        List<Stream> streams = new ArrayList<>();
        try {
            streams.add(open(first, "Bearer " + editor.tokenForTests()));
            streams.add(open(first, "Bearer " + viewerToken));
            streams.forEach(s -> assertTrue(s.firstEvent().contains("\"state\":\"OFFLINE\""), "each follower gets the status"));
            assertEquals(1, feeds.running.get(), "two followers, one poll");
            streams.add(open(second, "Bearer " + viewerToken));
            streams.getLast().firstEvent();
            assertEquals(2, feeds.running.get(), "one poll per emergency");
        } finally {
            streams.forEach(Stream::close);
        }
        await().atMost(WAIT).until(() -> feeds.running.get() == 0);
    }

    @Test
    void aSixthStreamOfOneUserIsRefusedWhileFiveStayOpen() throws Exception {
        long id = emergency();
        String viewer = "Bearer " + viewerToken;
        List<Stream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < EmergencyFeeds.MAX_STREAMS_PER_USER; i++) {
                streams.add(open(id, viewer));
                streams.getLast().firstEvent();
            }
            HttpResponse<InputStream> sixth = request(id, viewer);
            String refusal = new String(sixth.body().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(429, sixth.statusCode(), refusal);
            assertTrue(sixth.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), refusal);
            assertTrue(refusal.contains("\"code\":\"TOO_MANY_STREAMS\""), refusal);
            assertEquals(5, feeds.openStreams(viewerId), "the five stay open");
            assertEquals(200, open(id, "Bearer " + editor.tokenForTests()).closing(), "another user's stream is theirs");

            streams.removeFirst().close();
            await().atMost(WAIT).until(() -> feeds.openStreams(viewerId) == 4);
            streams.add(open(id, viewer));
            assertTrue(streams.getLast().firstEvent().contains("\"id\":" + id), "a closed stream frees its place");
        } finally {
            streams.forEach(Stream::close);
        }
        await().atMost(WAIT).until(() -> feeds.openStreams(viewerId) == 0);
    }

    private long emergency() {
        Api.Reply started = editor.post("/api/emergency", Map.of("mediaId", media, "areaIds", List.of(commune)));
        assertEquals(202, started.status(), started.body().toString());
        return started.id();
    }

    private Stream open(long id, String auth) throws Exception {
        HttpResponse<InputStream> response = request(id, auth);
        assertEquals(200, response.statusCode());
        return new Stream(response);
    }

    private HttpResponse<InputStream> request(long id, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(server.getURI().resolve("/api/emergency/" + id + "/events"))
                .header("Authorization", auth).header("Accept", "text/event-stream").timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** One open event stream, read as the browser does. */
    record Stream(HttpResponse<InputStream> response, BufferedReader lines) {
        Stream(HttpResponse<InputStream> response) {
            this(response, new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)));
        }

        String firstEvent() {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        return line;
                    }
                }
                throw new AssertionError("the stream ended before its first event");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        /** Closes it and answers its status. */
        int closing() {
            close();
            return response.statusCode();
        }

        void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
