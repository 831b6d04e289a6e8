package communecast.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.JsonFiles;
import java.nio.file.Path;
import java.util.Optional;

/** {@code device.json} in the data directory: the device id and token, written atomically. */
final class DeviceFile {

    private static final String NAME = "device";

    private final JsonFiles<DeviceCredentials> files;

    DeviceFile(Path dataDir, ObjectMapper mapper) {
        this.files = new JsonFiles<>(dataDir, DeviceCredentials.class, mapper);
    }

    Optional<DeviceCredentials> load() {
        return files.exists(NAME) ? Optional.of(files.read(NAME)) : Optional.empty();
    }

    void save(DeviceCredentials credentials) {
        files.write(NAME, credentials);
    }
}
