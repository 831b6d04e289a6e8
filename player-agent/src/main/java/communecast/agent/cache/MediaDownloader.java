package communecast.agent.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.Json;
import communecast.agent.Servers;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at fetching a media file over a weak link. The bytes go to {@code <sha>.part}, which a broken
 * connection leaves in place: the next attempt asks only for the rest ({@code Range: bytes=N-}). The file
 * gets its final name only once the SHA-256 of all of it is right. Each request goes to the server the agent
 * is linked to at that moment, so a retry after a server died goes to the one the link moved to (the bytes
 * kept are good there too: a file is named by its SHA-256).
 */
public final class MediaDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloader.class);
    private static final String PARTIAL_SUFFIX = ".part";
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int ERROR_BODY_MAX = 1024;
    private static final ObjectMapper JSON = Json.mapper();

    private final HttpClient http;
    private final Servers servers;
    private final String token;
    private final ScheduledExecutorService timer;
    private final Duration stallTimeout;

    /** {@code stallTimeout}: a body that brings no byte for this long is given up, and resumed later. */
    public MediaDownloader(HttpClient http, Servers servers, String token, ScheduledExecutorService timer,
            Duration stallTimeout) {
        this.http = http;
        this.servers = servers;
        this.token = token;
        this.timer = timer;
        this.stallTimeout = stallTimeout;
    }

    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
    }

    /** Leaves the verified file at {@code target}; throws with a short reason otherwise. */
    void download(String url, String sha256, Path target) throws IOException, InterruptedException {
        try {
            attempt(url, sha256, target);
        } catch (StartOver e) {
            // The fault was the part's, not the link's: with the part gone, the whole file is worth a try now.
            LOG.info("media {}: {}; starting over", sha256, e.getMessage());
            attempt(url, sha256, target);
        }
    }

    private void attempt(String url, String sha256, Path target) throws IOException, InterruptedException {
        Path part = partOf(target);
        long have = Files.exists(part) ? Files.size(part) : 0;
        MessageDigest soFar = digestOf(part, have);
        HttpResponse<InputStream> response = send(url, have);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            boolean resumed = have > 0 && status == 206;
            if (have > 0 && status == 416) {
                throw startOver(part, "the server's file is shorter than the partial download");
            }
            if (status != 200 && !resumed) {
                throw new IOException("download failed (HTTP " + status + errorCode(body) + ")");
            }
            refuseAnotherFile(response, sha256);
            if (resumed) {
                expectRangeFrom(response, have, part);
                LOG.info("media {}: resuming at byte {}", sha256, have);
            }
            // A 200 is the whole file, also when a range was asked for: it replaces the part.
            MessageDigest digest = resumed ? soFar : sha256();
            copy(body, part, resumed, digest);
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                Files.deleteIfExists(part);
                String why = "checksum mismatch (got " + actual.substring(0, 12) + "...)";
                throw resumed ? new StartOver(why) : new IOException(why);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private HttpResponse<InputStream> send(String url, long from) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(servers.current().http(url))
                .header("Authorization", "Device " + token)
                .timeout(RESPONSE_TIMEOUT)
                .GET();
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The server names the file it sends; if it is not the ordered one, its bytes are not worth the link. */
    private static void refuseAnotherFile(HttpResponse<?> response, String sha256) throws IOException {
        String offered = response.headers().firstValue("X-Content-SHA256").orElse(sha256);
        if (!offered.equalsIgnoreCase(sha256)) {
            String shown = offered.length() > 12 ? offered.substring(0, 12) + "..." : offered;
            throw new IOException("the server has another file (sha256 " + shown + ")");
        }
    }

    private static void expectRangeFrom(HttpResponse<?> response, long from, Path part) throws IOException {
        String range = response.headers().firstValue("Content-Range").orElse("");
        if (!range.startsWith("bytes " + from + "-")) {
            throw startOver(part, "unexpected Content-Range '" + range + "'");
        }
    }

    /** Appends (or writes anew) to the part, hashing as it goes; what arrived stays if the link breaks. */
    private void copy(InputStream body, Path part, boolean append, MessageDigest digest) throws IOException {
        StallGuard guard = new StallGuard(body);
        try (FileOutputStream out = new FileOutputStream(part.toFile(), append)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                guard.received(n);
            }
            // On disk before the file gets its final name: a power cut must not leave a named but empty file.
            out.getFD().sync();
        } catch (IOException e) {
            if (guard.stalled()) {
                throw new IOException("download stalled (no data for " + shown(stallTimeout) + ")", e);
            }
            throw failed(e);
        } finally {
            guard.close();
        }
    }

    /**
     * Closes the body once a whole period brought no byte. A half-open mobile link would otherwise hold the
     * read, and a download thread, until TCP gives up many minutes later.
     */
    private final class StallGuard {
        private final AtomicLong received = new AtomicLong();
        private final ScheduledFuture<?> check;
        private volatile boolean stalled;
        private long seen = -1; // Touched only by the check.

        StallGuard(InputStream body) {
            long period = stallTimeout.toMillis();
            check = timer.scheduleAtFixedRate(() -> {
                long now = received.get();
                if (now == seen) {
                    stalled = true;
                    closeQuietly(body);
                }
                seen = now;
            }, period, period, TimeUnit.MILLISECONDS);
        }

        void received(int n) {
            received.addAndGet(n);
        }

        boolean stalled() {
            return stalled;
        }

        void close() {
            check.cancel(false);
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            LOG.debug("closing a stalled download: {}", e.getMessage());
        }
    }

    /** The SHA-256 state after the bytes already in the part, to go on with the rest. */
    private static MessageDigest digestOf(Path part, long size) throws IOException {
        MessageDigest digest = sha256();
        if (size > 0) {
            try (InputStream in = new DigestInputStream(Files.newInputStream(part), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return digest;
    }

    /** The {@code code} of the server's JSON error, e.g. {@code RENDITION_NOT_READY}, after a space; or nothing. */
    private static String errorCode(InputStream body) {
        try {
            String code = JSON.readTree(body.readNBytes(ERROR_BODY_MAX)).path("code").asText("");
            return code.isEmpty() ? "" : " " + code;
        } catch (IOException e) {
            return ""; // Not JSON, or cut: the status says enough.
        }
    }

    private static StartOver startOver(Path part, String why) throws IOException {
        Files.deleteIfExists(part);
        return new StartOver(why);
    }

    private static IOException failed(IOException cause) {
        return new IOException("download failed (" + innermostMessage(cause) + ")", cause);
    }

    /** The HTTP client's own messages say little ("closed"); the causes say what happened on the link. */
    private static String innermostMessage(Throwable e) {
        String what = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                what = t.getMessage();
            }
        }
        return what;
    }

    /** 30s, 0.3s, 2m: short enough for a report. */
    private static String shown(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The partial download was worthless and is deleted: worth one more whole try at once. */
    private static final class StartOver extends IOException {
        StartOver(String why) {
            super(why);
        }
    }
}
