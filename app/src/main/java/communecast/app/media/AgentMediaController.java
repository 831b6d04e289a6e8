package communecast.app.media;

import communecast.app.device.DeviceTokenAuthentication;
import communecast.app.playlog.PlayLog;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/** Protocol v1 media download: an agent gets only media its own orders name. */
@Controller("/agent/media")
@Secured(Role.AGENT)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AgentMediaController {
    private final MediaLibrary library;
    private final PlayLog playLog;

    AgentMediaController(MediaLibrary library, PlayLog playLog) {
        this.library = library;
        this.playLog = playLog;
    }

    @Get("/{id}")
    HttpResponse<SystemFile> download(Authentication auth, long id) {
        long deviceId = DeviceTokenAuthentication.deviceId(auth);
        // Same answer for "no such media" and "not yours": a device learns nothing about others' media.
        MediaItem item = library.find(id).filter(m -> m.status() == MediaStatus.READY)
                .filter(m -> playLog.deviceHasMedia(deviceId, m.id()))
                .orElseThrow(() -> ApiException.notFound("media", id + " for this device"));
        return HttpResponse.ok(new SystemFile(library.file(item).toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE))
                .header("X-Content-SHA256", item.sha256());
    }
}
