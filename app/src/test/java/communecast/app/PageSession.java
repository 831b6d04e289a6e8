package communecast.app;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One person's browser over plain HTTP: their own cookies, forms posted as a browser posts them. */
final class PageSession {
    private final URI server;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    PageSession(URI server) {
        this.server = server;
    }

    static PageSession loggedIn(URI server, String username, String password) throws Exception {
        PageSession session = new PageSession(server);
        HttpResponse<String> login = session.post("/ui/login", Map.of("username", username, "password", password));
        if (login.statusCode() != 303) {
            throw new AssertionError("login of " + username + " failed: " + login.statusCode());
        }
        return session;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A file the page links (an export), as bytes. */
    HttpResponse<byte[]> download(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return post(path, List.copyOf(form.entrySet()));
    }

    /** A form whose fields may repeat (several checked boxes of one name). */
    HttpResponse<String> post(String path, List<Map.Entry<String, String>> form) throws Exception {
        String body = form.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(server.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart upload as the media page's script sends it: title, then the file; the form token in a header if given. */
    HttpResponse<String> upload(String path, String title, Path file, String csrfHeader) throws Exception {
        String boundary = "----cc" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)));
        if (csrfHeader != null) {
            request.header("X-CSRF-Token", csrfHeader);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The anti-forgery token a page's forms carry. */
    static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("the page carries no form token: " + page);
        }
        return m.group(1);
    }
}
