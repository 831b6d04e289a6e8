package communecast.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A directory of JSON files, one record per file (today only {@code device.json}; the agent's other state is
 * in its database). Writes go through a temporary file and an atomic move, so a power cut leaves either the
 * old file or the new one, never half of one.
 */
public final class JsonFiles<T> {

    private static final String SUFFIX = ".json";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;
    private final Class<T> type;
    private final ObjectMapper mapper;

    public JsonFiles(Path dir, Class<T> type, ObjectMapper mapper) {
        this.dir = createDirectories(dir);
        this.type = type;
        this.mapper = mapper;
        deleteLeftoverTemps();
    }

    public void write(String name, T value) {
        Path target = file(name);
        Path temp = dir.resolve(name + TEMP_SUFFIX);
        try {
            mapper.writeValue(temp.toFile(), value);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public T read(String name) {
        try {
            return mapper.readValue(file(name).toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(name), e);
        }
    }

    public boolean exists(String name) {
        return Files.exists(file(name));
    }

    private Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    private void deleteLeftoverTemps() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(TEMP_SUFFIX)).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
