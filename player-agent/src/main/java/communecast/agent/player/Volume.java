package communecast.agent.player;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The loudness the server set for this device (0 silent … 1 as the file is), applied to the samples
 * themselves so it works with every sound card; kept in the data dir so it outlives a restart.
 */
public final class Volume {
    private final Path file;
    private volatile double level;

    public Volume(Path file) {
        this.file = file;
        this.level = read(file);
    }

    public double level() {
        return level;
    }

    /** Answers what was set; out-of-range values are refused by the caller. */
    public synchronized void set(double newLevel) {
        if (!(newLevel >= 0 && newLevel <= 1)) {
            throw new IllegalArgumentException("volume must be between 0 and 1, not " + newLevel);
        }
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, String.format(Locale.ROOT, "%.3f", newLevel), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the volume in " + file, e);
        }
        level = newLevel;
    }

    short scale(short sample) {
        return (short) Math.round(sample * level);
    }

    private static double read(Path file) {
        try {
            double stored = Double.parseDouble(Files.readString(file, StandardCharsets.UTF_8).trim());
            return stored >= 0 && stored <= 1 ? stored : 1;
        } catch (IOException | NumberFormatException e) {
            return 1;
        }
    }
}
