package communecast.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.ServerAddress;
import communecast.agent.Servers;
import communecast.agent.link.Messages.EnrollRequest;
import communecast.agent.link.Messages.EnrollResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Trades the one-time enrollment code for the device token: {@code POST /agent/enroll}, to each server of the
 * list in turn until one answers; that one stays current, for the link to start with.
 */
final class Enrollment {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The server refused the code (unknown, already used, expired), or holds off this address after wrong ones. */
    static final class RejectedException extends Exception {
        RejectedException(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final Servers servers;
    private final ObjectMapper mapper;
    private final String agentVersion;

    Enrollment(HttpClient http, Servers servers, ObjectMapper mapper, String agentVersion) {
        this.http = http;
        this.servers = servers;
        this.mapper = mapper;
        this.agentVersion = agentVersion;
    }

    /**
     * A refusal ends it: the servers of one province share their devices, so another would refuse the code
     * too. {@link IOException} when none of them answered, naming each with its reason.
     */
    EnrollResponse enroll(String code) throws RejectedException, IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        IOException last = null;
        for (int i = 0; i < servers.all().size(); i++) {
            ServerAddress server = servers.current();
            try {
                return enroll(server, code);
            } catch (IOException e) {
                last = e;
                failures.add(server + ": " + describe(e));
                servers.failed(server);
            }
        }
        throw failures.size() == 1 ? last : new IOException("no server answered: " + String.join("; ", failures));
    }

    private EnrollResponse enroll(ServerAddress server, String code)
            throws RejectedException, IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.http("/agent/enroll"))
                .header("Content-Type", "application/json")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(
                        mapper.writeValueAsString(EnrollRequest.of(code, agentVersion))))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 401 || status == 400 || status == 404) {
            throw new RejectedException("the server refused the enrollment code (HTTP " + status + "): "
                    + message(response.body()));
        }
        if (status == 429) {
            // Too many wrong codes from this address (docs/protocol.md): typing it again now would not help.
            throw new RejectedException("the server holds off enrollment from this address (HTTP 429): " + message(response.body())
                    + response.headers().firstValue("Retry-After").map(s -> "; try again in " + s + " s").orElse(""));
        }
        if (status / 100 != 2) {
            throw new IOException("enrollment failed (HTTP " + status + ")");
        }
        return mapper.readValue(response.body(), EnrollResponse.class);
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private String message(String body) {
        try {
            JsonNode error = mapper.readTree(body);
            return error.path("code").asText("?") + " " + error.path("message").asText("");
        } catch (IOException e) {
            return body;
        }
    }
}
