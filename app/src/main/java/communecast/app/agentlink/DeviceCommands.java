package communecast.app.agentlink;

import communecast.app.AppSettings;
import communecast.app.device.Device;
import communecast.app.device.DeviceKind;
import communecast.app.device.Devices;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Set;

/**
 * Remote commands (docs/protocol.md, "command"): resync the orders, set the volume, take a screenshot of an
 * LED panel. Sent only to a device linked now; its answer is kept with the command.
 */
@Singleton
public class DeviceCommands {
    static final Set<String> NAMES = Set.of("RESYNC", "SET_VOLUME", "SCREENSHOT");
    private static final long MAX_SCREENSHOT_BYTES = 20L * 1024 * 1024;

    private final Jdbi jdbi;
    private final Devices devices;
    private final AgentSessions sessions;
    private final Path screenshots;
    private final Clock clock;

    DeviceCommands(Jdbi jdbi, Devices devices, AgentSessions sessions, AppSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.devices = devices;
        this.sessions = sessions;
        this.screenshots = settings.dataDir().resolve("screenshots");
        this.clock = clock;
    }

    public DeviceCommand send(CurrentUser user, long deviceId, NewCommand request) {
        user.require(Role.ADMIN, Role.EDITOR);
        Device device = devices.visible(user, deviceId);
        String name = request == null || request.name() == null ? "" : request.name();
        if (!NAMES.contains(name)) {
            throw ApiException.badRequest("BAD_COMMAND", "name must be one of " + NAMES);
        }
        if (name.equals("SET_VOLUME") && (request.volume() == null || !(request.volume() >= 0 && request.volume() <= 1))) {
            throw ApiException.badRequest("BAD_COMMAND", "SET_VOLUME needs volume between 0 and 1");
        }
        if (name.equals("SCREENSHOT") && device.kind() != DeviceKind.LED) {
            throw ApiException.badRequest("BAD_COMMAND", "a loudspeaker has no screen to take a picture of");
        }
        if (!sessions.reachable(deviceId)) {
            throw ApiException.conflict("DEVICE_OFFLINE", "device " + deviceId + " is not linked now; send the command when it is online");
        }
        Double volume = name.equals("SET_VOLUME") ? request.volume() : null;
        long id = repo().insert(deviceId, name, volume, user.id(), clock.instant());
        if (!sessions.send(deviceId, new Messages.Command(id, name, volume))) {
            repo().failed(id, "the link went down while sending", clock.instant());
        }
        return repo().find(id).orElseThrow();
    }

    public DeviceCommand find(CurrentUser user, long deviceId, long commandId) {
        devices.visible(user, deviceId);
        return repo().find(commandId).filter(c -> c.deviceId() == deviceId)
                .orElseThrow(() -> ApiException.notFound("command", commandId));
    }

    /** The agent's answer; ignored unless the command was this device's and still waiting. */
    void finished(long deviceId, Messages.CommandResult result) {
        repo().finish(result.commandId(), deviceId, result.ok() ? "DONE" : "FAILED", result.message(), clock.instant());
    }

    /** The picture a SCREENSHOT command asked for, uploaded by that device before it answers. */
    void storeScreenshot(long deviceId, long commandId, byte[] png) {
        DeviceCommand command = repo().find(commandId).filter(c -> c.deviceId() == deviceId && c.name().equals("SCREENSHOT"))
                .orElseThrow(() -> ApiException.notFound("screenshot command", commandId));
        if (png.length == 0 || png.length > MAX_SCREENSHOT_BYTES || !isPng(png)) {
            throw ApiException.badRequest("BAD_SCREENSHOT", "a screenshot is one PNG of at most 20 MB");
        }
        try {
            Files.createDirectories(screenshots);
            Path temp = Files.createTempFile(screenshots, "upload", ".tmp");
            Files.write(temp, png);
            Files.move(temp, screenshot(command.id()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the screenshot of command " + commandId, e);
        }
    }

    Path screenshotOf(CurrentUser user, long deviceId, long commandId) {
        DeviceCommand command = find(user, deviceId, commandId);
        Path file = screenshot(command.id());
        if (!Files.isRegularFile(file)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "NO_SCREENSHOT", "command " + commandId + " has no screenshot (yet)");
        }
        return file;
    }

    private Path screenshot(long commandId) {
        return screenshots.resolve(commandId + ".png");
    }

    private static boolean isPng(byte[] bytes) {
        return bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

    private CommandRepository repo() {
        return jdbi.onDemand(CommandRepository.class);
    }
}
