package communecast.app.media;

import communecast.app.web.ApiException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Reads text aloud into a WAV file with the engine {@link SpeechSettings} names: a few sentences at a time (engines
 * have limits, and a part that fails says which), the parts joined into one file.
 */
@Singleton
class SpeechEngine {
    /** The longest part given to the engine at once: a few sentences. */
    static final int PART = 400;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;…:])\\s+|\\R+");
    private static final int ERROR_SHOWN = 300;

    /** eSpeak NG's Vietnamese voices: giọng Bắc, Trung, Nam. */
    enum Voice {
        NORTH("vi"), CENTRAL("vi-vn-x-central"), SOUTH("vi-vn-x-south");

        private final String espeakName;

        Voice(String espeakName) {
            this.espeakName = espeakName;
        }
    }

    private final SpeechSettings settings;

    SpeechEngine(SpeechSettings settings) {
        this.settings = settings;
    }

    /** Why no text can be read aloud here, or empty when it can. */
    Optional<String> unavailable() {
        if (settings.command() != null && !settings.command().isBlank()) {
            return Optional.empty();
        }
        return executable(settings.espeakNg()) ? Optional.empty()
                : Optional.of("no speech engine on this server: install espeak-ng (apt-get install espeak-ng) or set COMMUNECAST_TTS_COMMAND");
    }

    /** {@code text} spoken into {@code wav}; a 502 TTS_FAILED saying what the engine did when it fails. */
    void speak(String text, Voice voice, double rate, Path wav) {
        List<Path> parts = new ArrayList<>();
        try {
            for (String part : parts(text, PART)) {
                Path spoken = Files.createTempFile(wav.getParent(), "tts-", ".wav");
                parts.add(spoken);
                run(part, voice, rate, spoken);
            }
            join(parts, wav);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the spoken parts in " + wav.getParent(), e);
        } finally {
            parts.forEach(MediaStore::discard);
        }
    }

    /** Whole sentences, each part at most {@code max} characters; a longer sentence is cut at a comma or a space. */
    static List<String> parts(String text, int max) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String sentence : SENTENCE_END.split(text.strip())) {
            for (String piece : cut(sentence.strip(), max)) {
                if (!part.isEmpty() && part.length() + 1 + piece.length() > max) {
                    parts.add(part.toString());
                    part.setLength(0);
                }
                part.append(part.isEmpty() ? "" : " ").append(piece);
            }
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        return parts;
    }

    private static List<String> cut(String sentence, int max) {
        List<String> pieces = new ArrayList<>();
        String rest = sentence;
        while (rest.length() > max) {
            int comma = rest.lastIndexOf(", ", max - 1);
            int at = comma >= max / 3 ? comma : rest.lastIndexOf(' ', max);
            int end = at > 0 ? at + 1 : max;
            pieces.add(rest.substring(0, end).strip());
            rest = rest.substring(end).strip();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    private void run(String text, Voice voice, double rate, Path wav) throws IOException {
        ProcessBuilder engine = settings.command() != null && !settings.command().isBlank()
                ? new ProcessBuilder("sh", "-c", settings.command())
                : new ProcessBuilder(settings.espeakNg(), "-v", voice.espeakName, "-s", String.valueOf(Math.round(settings.wordsPerMinute() * rate)),
                "--stdin", "--stdout");
        engine.environment().put("COMMUNECAST_TTS_VOICE", voice.name());
        engine.environment().put("COMMUNECAST_TTS_RATE", String.valueOf(rate));
        Path errors = Files.createTempFile(wav.getParent(), "tts-", ".err");
        try {
            Process process = start(engine.redirectOutput(wav.toFile()).redirectError(errors.toFile()));
            try {
                feed(process, text);
                if (process.exitValue() != 0) {
                    throw failed("exit code " + process.exitValue() + shown(errors));
                }
                if (Files.size(wav) == 0) {
                    throw failed("it wrote no sound" + shown(errors));
                }
            } finally {
                // A site's pipeline (sh -c "piper … | sox …") leaves children when only its shell is killed.
                if (process.isAlive()) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
        } finally {
            MediaStore.discard(errors);
        }
    }

    /** The text on the engine's stdin, then its end awaited. */
    private void feed(Process process, String text) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException closedEarly) {
            // the engine stopped reading: its exit code and errors say why
        }
        try {
            if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw failed("it took longer than " + settings.timeout().toSeconds() + " s for " + text.length() + " characters");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("the server stopped while it spoke");
        }
    }

    private static Process start(ProcessBuilder engine) {
        try {
            return engine.start();
        } catch (IOException e) {
            // Not the command line itself: a site's may carry a secret.
            throw failed("it could not be started (" + e.getMessage().replaceFirst("^Cannot run program \"[^\"]*\"(?: \\(in directory [^)]*\\))?: ", "") + ")");
        }
    }

    /** The parts' samples one after another, in one WAV whose header says their true length. */
    private static void join(List<Path> parts, Path wav) throws IOException {
        Path samples = Files.createTempFile(wav.getParent(), "tts-", ".pcm");
        try {
            AudioFormat format = null;
            long bytes = 0;
            try (OutputStream out = Files.newOutputStream(samples)) {
                for (Path part : parts) {
                    try (AudioInputStream sound = AudioSystem.getAudioInputStream(part.toFile())) {
                        if (format != null && !format.matches(sound.getFormat())) {
                            throw failed("its parts came in different formats (" + format + ", " + sound.getFormat() + ")");
                        }
                        format = sound.getFormat();
                        long copied = sound.transferTo(out);
                        if (copied == 0) {
                            throw failed("it wrote no sound");
                        }
                        bytes += copied;
                    } catch (UnsupportedAudioFileException e) {
                        throw failed("it did not write a WAV file (" + e.getMessage() + ")");
                    }
                }
            }
            try (InputStream in = Files.newInputStream(samples);
                 AudioInputStream all = new AudioInputStream(in, format, bytes / format.getFrameSize())) {
                AudioSystem.write(all, AudioFileFormat.Type.WAVE, wav.toFile());
            }
        } finally {
            MediaStore.discard(samples);
        }
    }

    private static ApiException failed(String message) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "TTS_FAILED", "the speech engine failed: " + message);
    }

    private static String shown(Path errors) throws IOException {
        String text = Files.readString(errors, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : " (" + (text.length() > ERROR_SHOWN ? text.substring(text.length() - ERROR_SHOWN) : text) + ")";
    }

    private static boolean executable(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Pattern.compile(java.io.File.pathSeparator).splitAsStream(path).filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
