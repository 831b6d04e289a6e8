package communecast.app;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The API as a client sees it: JSON in and out, errors as (status, body) instead of exceptions. */
public final class Api {
    private final BlockingHttpClient http;
    private final String token;

    public Api(BlockingHttpClient http, String token) {
        this.http = http;
        this.token = token;
    }

    public static Api login(BlockingHttpClient http, String username, String password) {
        Reply reply = new Api(http, null).post("/api/auth/login", Map.of("username", username, "password", password));
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        return new Api(http, (String) reply.body().get("accessToken"));
    }

    /** For requests the helpers here do not cover (binary bodies). */
    /** Enrolls a device with its one-time code, as its agent does, and returns the device token. */
    /** The test server's admin, as most tests' world begins. */
    public static Api admin(BlockingHttpClient http) {
        return login(http, "admin", TestServer.ADMIN_PASSWORD);
    }

    /** A province and one commune in it; answers the commune's id. */
    public long communeIn(String province, String provinceCode, String commune, String communeCode) {
        long provinceId = post("/api/areas", Map.of("name", province, "code", provinceCode, "kind", "PROVINCE")).id();
        return post("/api/areas", Map.of("name", commune, "code", communeCode, "kind", "COMMUNE", "parentId", provinceId)).id();
    }

    public static String enroll(BlockingHttpClient http, String code) {
        Reply enrolled = new Api(http, null).post("/agent/enroll", Map.of("v", 1, "code", code, "agentVersion", "test"));
        if (enrolled.status() != 200) {
            throw new AssertionError("enrollment refused: " + enrolled);
        }
        return enrolled.string("token");
    }

    public String tokenForTests() {
        return token;
    }

    public Reply get(String path) {
        return exchange(HttpRequest.GET(path));
    }

    public List<Map<String, Object>> list(String path) {
        HttpResponse<List<Map<String, Object>>> response = http.exchange(auth(HttpRequest.GET(path)),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        return response.body();
    }

    public Reply post(String path, Object body) {
        return exchange(HttpRequest.POST(path, body));
    }

    public Reply put(String path, Object body) {
        return exchange(HttpRequest.PUT(path, body));
    }

    public Reply postRaw(String path, String rawJson) {
        return exchange(HttpRequest.POST(path, rawJson).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    public Reply upload(String title, Path file) {
        return upload(title, file, Map.of());
    }

    /** {@code fields}: other form fields, e.g. stillSeconds. */
    public Reply upload(String title, Path file, Map<String, String> fields) {
        MultipartBody.Builder body = MultipartBody.builder().addPart("title", title);
        fields.forEach(body::addPart);
        body.addPart("file", file.getFileName().toString(), MediaType.APPLICATION_OCTET_STREAM_TYPE, file.toFile());
        return exchange(HttpRequest.POST("/api/media", body.build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
    }

    public Reply exchange(MutableHttpRequest<?> request) {
        try {
            HttpResponse<Map<String, Object>> response = http.exchange(auth(request), Argument.mapOf(String.class, Object.class));
            return new Reply(response.code(), response.body());
        } catch (HttpClientResponseException e) {
            return new Reply(e.getStatus().getCode(), e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElse(Map.of()));
        }
    }

    private <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request) {
        return token == null ? request : request.bearerAuth(token);
    }

    public record Reply(int status, Map<String, Object> body) {
        public long id() {
            return ((Number) body.get("id")).longValue();
        }

        public String string(String field) {
            return (String) body.get(field);
        }
    }
}
