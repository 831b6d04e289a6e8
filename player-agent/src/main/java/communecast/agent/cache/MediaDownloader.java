package communecast.agent.cache;

import communecast.agent.ServerAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** One attempt at fetching a media file: stream it to a temporary file, verify its hash, then name it. */
public final class MediaDownloader {

    private static final String PARTIAL_SUFFIX = ".part";
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ServerAddress server;
    private final String token;

    public MediaDownloader(HttpClient http, ServerAddress server, String token) {
        this.http = http;
        this.server = server;
        this.token = token;
    }

    static boolean isPartial(Path file) {
        return file.getFileName().toString().endsWith(PARTIAL_SUFFIX);
    }

    /** Leaves the verified file at {@code target}; throws with a short reason otherwise. */
    void download(String url, String sha256, Path target) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send(url);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("download failed (HTTP " + response.statusCode() + ")");
            }
            Path partial = target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
            String actual = copyHashing(body, partial);
            if (!actual.equals(sha256)) {
                Files.deleteIfExists(partial);
                throw new IOException("checksum mismatch (got " + actual.substring(0, 12) + "...)");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private HttpResponse<InputStream> send(String url) throws IOException, InterruptedException {
        try {
            return http.send(request(url), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private HttpRequest request(String url) {
        return HttpRequest.newBuilder(server.http(url))
                .header("Authorization", "Device " + token)
                .timeout(RESPONSE_TIMEOUT)
                .GET()
                .build();
    }

    private static String copyHashing(InputStream body, Path partial) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(body, digest)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw failed(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static IOException failed(IOException cause) {
        String what = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new IOException("download failed (" + what + ")", cause);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
