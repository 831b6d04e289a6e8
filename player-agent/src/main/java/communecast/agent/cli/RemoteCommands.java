package communecast.agent.cli;

import communecast.agent.Servers;
import communecast.agent.link.CommandHandler;
import communecast.agent.link.Messages;
import communecast.agent.player.DeviceOutputs;
import communecast.agent.player.Volume;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * SET_VOLUME and SCREENSHOT (docs/protocol.md, "command"); {@code screen} is empty with the null output. The
 * screenshot goes to the server the agent is linked to, which sent the command.
 */
record RemoteCommands(Volume volume, Optional<DeviceOutputs> screen, HttpClient http, Servers servers, String token)
        implements CommandHandler {
    private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public Result handle(Messages.Command command) {
        return switch (command.name() == null ? "" : command.name()) {
            case "SET_VOLUME" -> setVolume(command.volume());
            case "SCREENSHOT" -> screenshot(command.commandId());
            default -> Result.refused("this agent does not know the command " + command.name());
        };
    }

    private Result setVolume(Double level) {
        if (level == null || !(level >= 0 && level <= 1)) {
            return Result.refused("volume must be between 0 and 1, not " + level);
        }
        volume.set(level);
        return Result.done(String.format(Locale.ROOT, "volume set to %.2f", level));
    }

    private Result screenshot(long commandId) {
        Optional<byte[]> png = screen.flatMap(DeviceOutputs::snapshot);
        if (png.isEmpty()) {
            return Result.refused(screen.isEmpty() ? "no screen: this agent runs with --output null"
                    : "no screen yet: the LED window opens with the first video or picture");
        }
        URI uri = servers.current().http("/agent/commands/" + commandId + "/screenshot");
        HttpRequest upload = HttpRequest.newBuilder(uri)
                .header("Authorization", "Device " + token).header("Content-Type", "image/png").timeout(UPLOAD_TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png.get())).build();
        try {
            HttpResponse<String> answer = http.send(upload, HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() / 100 == 2 ? Result.done("screenshot uploaded (" + png.get().length + " bytes)")
                    : Result.refused("the server refused the screenshot: HTTP " + answer.statusCode() + " " + answer.body());
        } catch (IOException e) {
            return Result.refused("screenshot upload failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.refused("interrupted while uploading the screenshot");
        }
    }
}
