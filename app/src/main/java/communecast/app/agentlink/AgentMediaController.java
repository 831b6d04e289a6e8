package communecast.app.agentlink;

import communecast.app.device.Device;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.media.Rendition;
import communecast.app.device.DeviceTokenAuthentication;
import communecast.app.device.Devices;
import communecast.app.playlog.PlayLog;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Protocol v1 media download: the rendition made for the asking device (its screen size, or the
 * loudness-normalised audio), only for media its own orders name. Answers a {@code Range: bytes=N-}
 * with 206 from N, so a download cut on a weak link resumes instead of starting over.
 */
@Controller("/agent/media")
@Secured(Role.AGENT)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AgentMediaController {
    private final MediaLibrary library;
    private final Devices devices;
    private final PlayLog playLog;
    private final Jdbi jdbi;

    AgentMediaController(MediaLibrary library, Devices devices, PlayLog playLog, Jdbi jdbi) {
        this.library = library;
        this.devices = devices;
        this.playLog = playLog;
        this.jdbi = jdbi;
    }

    @Get("/{id}")
    HttpResponse<StreamedFile> download(Authentication auth, long id, @Nullable @Header(HttpHeaders.RANGE) String range)
            throws IOException {
        long deviceId = DeviceTokenAuthentication.deviceId(auth);
        // One pooled connection for the four reads (JDBI hands the repositories this thread's open handle):
        // ten thousand devices fetch a new emergency's file at once.
        Rendition rendition = jdbi.withHandle(handle -> renditionFor(deviceId, id));
        Path file = library.file(rendition.sha256());
        long size = Files.size(file);
        long from = firstByte(range, size);
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(from);
        MutableHttpResponse<StreamedFile> response = HttpResponse.<StreamedFile>status(from > 0 ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
                .body(new StreamedFile(in, MediaType.APPLICATION_OCTET_STREAM_TYPE, Files.getLastModifiedTime(file).toMillis(), size - from))
                .header("X-Content-SHA256", rendition.sha256())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes");
        return from > 0 ? response.header(HttpHeaders.CONTENT_RANGE, "bytes " + from + "-" + (size - 1) + "/" + size) : response;
    }

    private Rendition renditionFor(long deviceId, long mediaId) {
        Device device = devices.find(deviceId).orElseThrow(() -> ApiException.notFound("device", deviceId));
        // Same answer for "no such media" and "not yours": a device learns nothing about others' media.
        MediaItem item = library.find(mediaId).filter(m -> playLog.deviceHasMedia(deviceId, m.id()))
                .orElseThrow(() -> ApiException.notFound("media", mediaId + " for this device"));
        return library.renditionFor(item, device, library.renditionsOf(List.of(mediaId)))
                .orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "RENDITION_NOT_READY",
                        "the file for this device is still being made; try again shortly"));
    }

    /** Only the form a resuming download sends, {@code bytes=N-}; anything else gets the whole file. */
    private static long firstByte(String range, long size) {
        if (range == null || !range.matches("bytes=\\d{1,18}-")) {
            return 0;
        }
        long from = Long.parseLong(range.substring(6, range.length() - 1));
        if (from >= size) {
            throw new ApiException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "BAD_RANGE", "the file has " + size + " bytes");
        }
        return from;
    }
}
