package communecast.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.ServerAddress;
import communecast.agent.link.Messages.EnrollRequest;
import communecast.agent.link.Messages.EnrollResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Trades the one-time enrollment code for the device token: {@code POST /agent/enroll}. */
final class Enrollment {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The server refused the code (unknown or already used). */
    static final class RejectedException extends Exception {
        RejectedException(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final ServerAddress server;
    private final ObjectMapper mapper;
    private final String agentVersion;

    Enrollment(HttpClient http, ServerAddress server, ObjectMapper mapper, String agentVersion) {
        this.http = http;
        this.server = server;
        this.mapper = mapper;
        this.agentVersion = agentVersion;
    }

    EnrollResponse enroll(String code) throws RejectedException, IOException, InterruptedException {
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
        if (status / 100 != 2) {
            throw new IOException("enrollment failed (HTTP " + status + ")");
        }
        return mapper.readValue(response.body(), EnrollResponse.class);
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
