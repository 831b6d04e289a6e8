package communecast.app.media;

import communecast.app.AppSettings;
import communecast.media.Sha256;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Content-addressed files under {@code <data dir>/media/ab/abcdef…}: the same bytes uploaded twice are
 * kept once, and an uploaded file name never becomes a path.
 */
@Singleton
public class MediaStore {
    private final Path root;

    MediaStore(AppSettings settings) {
        this.root = settings.dataDir().toAbsolutePath().resolve("media");
    }

    /** A fresh file to receive an upload into, on the same file system as the store. */
    Path incomingFile() {
        return incomingFile(".part");
    }

    /** A fresh work file; the suffix tells FFmpeg what to write. */
    Path incomingFile(String suffix) {
        try {
            Path incoming = Files.createDirectories(root.resolve("incoming"));
            return Files.createTempFile(incoming, "work-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + root, e);
        }
    }

    static long size(Path work) {
        try {
            return Files.size(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A work file done with: kept files were moved away, so what is left is an aborted or refused one. */
    static void discard(Path work) {
        try {
            Files.deleteIfExists(work);
        } catch (IOException ignored) {
            // a leftover work file in incoming/ harms nothing
        }
    }

    /** Moves a received file into the store and returns its sha256. */
    String keep(Path received) throws IOException {
        String sha256 = Sha256.hex(received);
        Path target = path(sha256);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.delete(received);
        } else {
            Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return sha256;
    }

    public Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    void delete(String sha256) throws IOException {
        Files.deleteIfExists(path(sha256));
    }
}
