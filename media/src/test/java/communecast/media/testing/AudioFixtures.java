package communecast.media.testing;

import communecast.media.audio.Bs1770;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Audio inputs for tests, synthesised in Java and encoded with FFmpeg on the spot: no binary is committed.
 * Signals are float arrays, one per channel ("planar"), in the range −1..1.
 */
public final class AudioFixtures {

    /**
     * One way an upload can be encoded: container (FFmpeg muxer), codec (FFmpeg encoder), rate, channels, bitrate.
     *
     * @param bitrate bits per second for lossy codecs; 0 for PCM and FLAC
     * @param options codec options as name/value pairs, e.g. {"strict", "experimental"}
     */
    public record Encoding(String label, String extension, String muxer, String codec, int sampleRate, int channels,
                           int bitrate, String... options) {

        /** True if this FFmpeg build can write the format. */
        public boolean available() {
            AVCodec encoder = avcodec.avcodec_find_encoder_by_name(codec);
            return encoder != null && !encoder.isNull();
        }

        /** Why a test of this format cannot run, for a skip message. */
        public String unavailableReason() {
            return "this FFmpeg build (org.bytedeco:ffmpeg 8.1.2-1.5.14, linux-x86_64) has no '" + codec
                    + "' encoder, so " + label + " inputs cannot be generated and are not tested";
        }

        public String fileName(String stem) {
            return stem + "." + extension;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final Encoding MP3 = new Encoding("MP3 44.1 kHz stereo 128 kbit/s", "mp3", "mp3", "libmp3lame", 44_100, 2, 128_000);
    public static final Encoding WAV_8K_MONO_16 = new Encoding("WAV 8 kHz mono 16-bit", "wav", "wav", "pcm_s16le", 8_000, 1, 0);
    public static final Encoding WAV_11K_MONO_16 = new Encoding("WAV 11.025 kHz mono 16-bit", "wav", "wav", "pcm_s16le", 11_025, 1, 0);
    public static final Encoding WAV_22K_STEREO_16 = new Encoding("WAV 22.05 kHz stereo 16-bit", "wav", "wav", "pcm_s16le", 22_050, 2, 0);
    public static final Encoding WAV_44K_MONO_24 = new Encoding("WAV 44.1 kHz mono 24-bit", "wav", "wav", "pcm_s24le", 44_100, 1, 0);
    public static final Encoding WAV_48K_STEREO_24 = new Encoding("WAV 48 kHz stereo 24-bit", "wav", "wav", "pcm_s24le", 48_000, 2, 0);
    public static final Encoding M4A_AAC = new Encoding("M4A (AAC-LC) 44.1 kHz stereo", "m4a", "ipod", "aac", 44_100, 2, 128_000);
    /** FFmpeg's native Vorbis encoder: experimental (needs strict=-2) and stereo only; this build has no libvorbis. */
    public static final Encoding OGG_VORBIS = new Encoding("OGG Vorbis 44.1 kHz stereo", "ogg", "ogg", "vorbis", 44_100, 2, 128_000,
            "strict", "experimental");
    public static final Encoding OPUS = new Encoding("Opus (Ogg) 48 kHz stereo", "opus", "opus", "libopus", 48_000, 2, 64_000);
    public static final Encoding FLAC = new Encoding("FLAC 44.1 kHz stereo", "flac", "flac", "flac", 44_100, 2, 0);
    public static final Encoding WMA = new Encoding("WMA (wmav2, ASF) 44.1 kHz stereo", "wma", "asf", "wmav2", 44_100, 2, 128_000);
    public static final Encoding AMR_NB = new Encoding("AMR-NB 8 kHz mono 12.2 kbit/s", "amr", "amr", "libopencore_amrnb", 8_000, 1, 12_200);

    /** Every input format the issue lists, WAV in several rates, widths and channel counts. */
    public static final Encoding[] INPUT_FORMATS = {
            MP3, WAV_8K_MONO_16, WAV_11K_MONO_16, WAV_22K_STEREO_16, WAV_44K_MONO_24, WAV_48K_STEREO_24,
            M4A_AAC, OGG_VORBIS, OPUS, FLAC, WMA, AMR_NB};

    private static final int CHUNK = 1024;

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private AudioFixtures() {
    }

    // ---------------------------------------------------------------- files

    /** Encodes planar samples (at the encoding's own rate and channel count) into the file. */
    public static Path write(Path file, Encoding encoding, float[][] planar) {
        if (planar.length != encoding.channels()) {
            throw new IllegalArgumentException(encoding + " takes " + encoding.channels() + " channels, got " + planar.length);
        }
        int channels = planar.length;
        int frames = planar[0].length;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), channels)) {
            recorder.setFormat(encoding.muxer());
            recorder.setAudioCodecName(encoding.codec());
            recorder.setSampleRate(encoding.sampleRate());
            recorder.setAudioChannels(channels);
            switch (encoding.codec()) {
                // JavaCV would ask these encoders for planar float, which they do not take.
                case "pcm_s16le", "flac" -> recorder.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
                case "pcm_s24le" -> recorder.setSampleFormat(avutil.AV_SAMPLE_FMT_S32);
                default -> { }
            }
            if (encoding.bitrate() > 0) {
                recorder.setAudioBitrate(encoding.bitrate());
            }
            String[] options = encoding.options();
            for (int i = 0; i + 1 < options.length; i += 2) {
                recorder.setAudioOption(options[i], options[i + 1]);
            }
            recorder.start();
            for (int start = 0; start < frames; start += CHUNK) {
                int n = Math.min(CHUNK, frames - start);
                FloatBuffer chunk = FloatBuffer.allocate(n * channels);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        chunk.put(planar[c][start + i]);
                    }
                }
                recorder.recordSamples(encoding.sampleRate(), channels, chunk.flip());
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write " + encoding + " to " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * A speech-like test signal in the encoding, scaled to about the given loudness (measured before encoding
     * by the independent meter; a lossy codec can move it a little).
     */
    public static Path speech(Path file, Encoding encoding, double seconds, double lufs, long seed) {
        return write(file, encoding, speechAt(encoding.sampleRate(), encoding.channels(), seconds, lufs, seed));
    }

    /** Speech-like sound at lufs, planar: mono, or stereo with the second channel a delayed, quieter copy. */
    public static float[][] speechAt(int rate, int channels, double seconds, double lufs, long seed) {
        float[] voice = speechLike(rate, seconds, seed);
        float[][] planar = channels == 1 ? new float[][] {voice} : new float[][] {voice, delayed(voice, 7, 0.8f)};
        scaleTo(planar, rate, lufs);
        return planar;
    }

    /**
     * "A quiet phone recording": speech-like sound at about −35 LUFS with a hiss floor, 8 kHz mono AMR-NB at
     * 12.2 kbit/s, 6 s, as a basic phone records a voice message.
     */
    public static Path quietPhoneRecording(Path file) {
        float[] voice = speechLike(8_000, 6, 35);
        float[][] planar = {voice};
        scaleTo(planar, 8_000, -35);
        return write(file, AMR_NB, planar);
    }

    /**
     * "A loud studio file": a dense, heavily limited music-like stereo mix at about −8 LUFS whose sample peaks
     * reach −0.2 dBFS, 48 kHz 24-bit WAV, 6 s.
     */
    public static Path loudStudioFile(Path file) {
        return write(file, WAV_48K_STEREO_24, loudStudioMix(48_000, 6));
    }

    /** The mix of {@link #loudStudioFile}, planar stereo: about −8 LUFS, sample peaks at −0.2 dBFS. */
    public static float[][] loudStudioMix(int rate, double seconds) {
        float[][] dry = music(rate, seconds, 8);
        // Drive into a soft clipper until the mix, with its peaks brought to -0.2 dBFS, is -8 LUFS.
        double low = 0.05;
        double high = 50;
        float[][] mix = null;
        for (int i = 0; i < 30; i++) {
            double drive = Math.sqrt(low * high);
            mix = saturate(dry, drive, 0.977f);
            double lufs = lufs(mix, rate);
            if (Math.abs(lufs + 8) < 0.05) {
                break;
            }
            if (lufs < -8) {
                low = drive;
            } else {
                high = drive;
            }
        }
        return mix;
    }

    /** Digital silence, mono 16-bit WAV at 44.1 kHz. */
    public static Path silence(Path file, double seconds) {
        return write(file, new Encoding("WAV 44.1 kHz mono 16-bit", "wav", "wav", "pcm_s16le", 44_100, 1, 0),
                new float[][] {new float[(int) (seconds * 44_100)]});
    }

    /** A sine at the given peak level (dBFS) on every channel of the encoding. */
    public static Path tone(Path file, Encoding encoding, double seconds, double hz, double peakDbfs) {
        float[] sine = sine(encoding.sampleRate(), seconds, hz, peakDbfs, 0);
        float[][] planar = new float[encoding.channels()][];
        for (int c = 0; c < planar.length; c++) {
            planar[c] = sine;
        }
        return write(file, encoding, planar);
    }

    // ---------------------------------------------------------------- corrupt files

    /** The first part of the file, as an interrupted upload leaves it. */
    public static Path truncated(Path source, Path target, double keepFraction) {
        try {
            byte[] all = Files.readAllBytes(source);
            byte[] kept = java.util.Arrays.copyOf(all, (int) (all.length * keepFraction));
            return Files.write(target, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random bytes, deterministic for a seed, under whatever name is given. */
    public static Path garbage(Path target, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try {
            return Files.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's first headerBytes kept, everything after them overwritten with random bytes. */
    public static Path garbledAfterHeader(Path source, Path target, int headerBytes, long seed) {
        try (InputStream in = Files.newInputStream(source)) {
            byte[] all = in.readAllBytes();
            byte[] noise = new byte[Math.max(0, all.length - headerBytes)];
            new Random(seed).nextBytes(noise);
            System.arraycopy(noise, 0, all, Math.min(headerBytes, all.length), noise.length);
            return Files.write(target, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- signals

    public static float[] sine(int rate, double seconds, double hz, double peakDbfs, double phase) {
        float[] out = new float[(int) Math.round(seconds * rate)];
        double amplitude = Math.pow(10, peakDbfs / 20);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate + phase));
        }
        return out;
    }

    /**
     * Speech-like sound: syllables of 120–300 ms, each a voiced buzz (harmonics of a 100–220 Hz pitch, random
     * phases) mixed with breath noise under a smooth envelope, syllable levels over a 6 dB range, words separated by
     * pauses, a hiss floor 50 dB down, all band-limited to 300–3400 Hz (the telephone band) or below Nyquist. Its
     * peak-to-loudness ratio, 15–18 dB, is that of unprocessed speech.
     */
    public static float[] speechLike(int rate, double seconds, long seed) {
        Random random = new Random(seed);
        float[] out = new float[(int) Math.round(seconds * rate)];
        double[] phases = new double[12];
        int i = 0;
        while (i < out.length) {
            if (random.nextDouble() < 0.2) {
                i += (int) ((0.15 + 0.3 * random.nextDouble()) * rate); // pause between words
                continue;
            }
            int length = (int) ((0.12 + 0.18 * random.nextDouble()) * rate);
            double amplitude = 0.5 + 0.5 * random.nextDouble();
            double pitch = 100 + 120 * random.nextDouble();
            double voiced = 0.5 + 0.4 * random.nextDouble();
            for (int h = 0; h < phases.length; h++) {
                phases[h] = 2 * Math.PI * random.nextDouble();
            }
            for (int k = 0; k < length && i + k < out.length; k++) {
                double t = (double) k / rate;
                double envelope = Math.sin(Math.PI * k / length);
                double buzz = 0;
                for (int h = 1; h <= phases.length && h * pitch < rate / 2.2; h++) {
                    buzz += Math.sin(2 * Math.PI * h * pitch * t + phases[h - 1]) / Math.sqrt(h);
                }
                double breath = random.nextGaussian();
                out[i + k] = (float) (amplitude * envelope * (voiced * buzz * 0.5 + (1 - voiced) * breath * 0.7));
            }
            i += length;
        }
        for (int k = 0; k < out.length; k++) {
            out[k] += (float) (random.nextGaussian() * 0.003);
        }
        Biquad.highPass(rate, 300).apply(out);
        Biquad.lowPass(rate, Math.min(3400, rate * 0.45)).apply(out);
        return out;
    }

    /** A music-like stereo mix: a chord with harmonics, a kick every half second, hi-hat noise; L and R differ. */
    public static float[][] music(int rate, double seconds, long seed) {
        Random random = new Random(seed);
        int n = (int) Math.round(seconds * rate);
        float[][] out = new float[2][n];
        double[] chord = {220, 277.18, 329.63, 440};
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double left = 0;
            double right = 0;
            for (int k = 0; k < chord.length; k++) {
                double note = 0;
                for (int h = 1; h <= 6; h++) {
                    note += Math.sin(2 * Math.PI * h * chord[k] * t + k) / (h * h);
                }
                left += note * (k % 2 == 0 ? 0.35 : 0.2);
                right += note * (k % 2 == 0 ? 0.2 : 0.35);
            }
            double beat = t % 0.5;
            double kick = Math.exp(-beat * 18) * Math.sin(2 * Math.PI * (55 + 60 * Math.exp(-beat * 30)) * beat);
            double hat = (t % 0.25 < 0.03 ? 1 : 0.15) * random.nextGaussian() * 0.15;
            out[0][i] = (float) (left + kick * 0.9 + hat);
            out[1][i] = (float) (right + kick * 0.9 - hat * 0.7);
        }
        return out;
    }

    private static float[][] saturate(float[][] in, double drive, float peak) {
        float[][] out = new float[in.length][];
        float max = 0;
        for (int c = 0; c < in.length; c++) {
            out[c] = new float[in[c].length];
            for (int i = 0; i < in[c].length; i++) {
                out[c][i] = (float) Math.tanh(drive * in[c][i]);
                max = Math.max(max, Math.abs(out[c][i]));
            }
        }
        for (float[] channel : out) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] *= peak / max;
            }
        }
        return out;
    }

    private static double lufs(float[][] planar, int rate) {
        return Bs1770.measure(planar, rate).integratedLufs();
    }

    private static void scaleTo(float[][] planar, int rate, double lufs) {
        double gain = Math.pow(10, (lufs - lufs(planar, rate)) / 20);
        for (float[] channel : planar) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] *= (float) gain;
            }
        }
    }

    private static float[] delayed(float[] in, int samples, float gain) {
        float[] out = new float[in.length];
        for (int i = samples; i < in.length; i++) {
            out[i] = in[i - samples] * gain;
        }
        return out;
    }

    /** RBJ cookbook second-order sections, Q = 1/√2. */
    private record Biquad(double b0, double b1, double b2, double a1, double a2) {
        static Biquad lowPass(double rate, double hz) {
            double w = 2 * Math.PI * hz / rate;
            double alpha = Math.sin(w) / Math.sqrt(2);
            double cos = Math.cos(w);
            double a0 = 1 + alpha;
            return new Biquad((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
        }

        static Biquad highPass(double rate, double hz) {
            double w = 2 * Math.PI * hz / rate;
            double alpha = Math.sin(w) / Math.sqrt(2);
            double cos = Math.cos(w);
            double a0 = 1 + alpha;
            return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
        }

        void apply(float[] x) {
            double z1 = 0;
            double z2 = 0;
            for (int i = 0; i < x.length; i++) {
                double in = x[i];
                double y = b0 * in + z1;
                z1 = b1 * in - a1 * y + z2;
                z2 = b2 * in - a2 * y;
                x[i] = (float) y;
            }
        }
    }
}
