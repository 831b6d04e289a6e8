package communecast.media.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Media files for tests, made on the spot with FFmpeg so that no binary fixture is committed.
 * Every method writes the file it is given and returns that path.
 */
public final class TestMedia {

    public static final int SAMPLE_RATE = 44_100;
    public static final int FRAME_RATE = 25;

    private static final double AMPLITUDE = 0.3;
    private static final int CHUNK_SAMPLES = 1024;
    private static final Color[] BARS = {
            Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE, Color.BLACK};

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private TestMedia() {
    }

    /**
     * A mono 44.1 kHz sine. The format follows the extension: .wav (PCM), .mp3, .m4a (AAC), .ogg and .opus
     * (Opus in Ogg: this FFmpeg build has no libvorbis, and Opus only runs at 48 kHz, so those are resampled).
     */
    public static Path tone(Path file, Duration duration, double hz) {
        String extension = extension(file);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setAudioCodecName(audioCodec(extension));
            recorder.setSampleRate(extension.equals("ogg") || extension.equals("opus") ? 48_000 : SAMPLE_RATE);
            recorder.setAudioBitrate(128_000);
            writeTone(recorder, duration, hz);
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write " + file, e);
        }
        return file;
    }

    /**
     * A sine cut into HLS segments (AAC in MPEG-TS, {@code segment} long each) by FFmpeg's own HLS muxer, so
     * their timestamps run on from one to the next as a live station's do; the segment files, in order.
     */
    public static List<Path> hlsSegments(Path dir, Duration duration, Duration segment, double hz) {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(dir.resolve("all.m3u8").toFile(), 1)) {
            recorder.setFormat("hls");
            recorder.setOption("hls_time", String.valueOf(segment.toSeconds()));
            recorder.setOption("hls_list_size", "0");
            recorder.setOption("hls_segment_filename", dir.resolve("segment-%d.ts").toString());
            recorder.setAudioCodecName("aac");
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioBitrate(64_000);
            writeTone(recorder, duration, hz);
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write HLS segments in " + dir, e);
        }
        List<Path> segments = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve("segment-" + i + ".ts")); i++) {
            segments.add(dir.resolve("segment-" + i + ".ts"));
        }
        return segments;
    }

    private static void writeTone(FFmpegFrameRecorder recorder, Duration duration, double hz) throws FrameRecorder.Exception {
        recorder.start();
        long total = duration.toMillis() * SAMPLE_RATE / 1000;
        for (long done = 0; done < total; done += CHUNK_SAMPLES) {
            int n = (int) Math.min(CHUNK_SAMPLES, total - done);
            ShortBuffer chunk = ShortBuffer.allocate(n);
            for (int i = 0; i < n; i++) {
                double t = (double) (done + i) / SAMPLE_RATE;
                chunk.put((short) Math.round(Math.sin(2 * Math.PI * hz * t) * AMPLITUDE * Short.MAX_VALUE));
            }
            recorder.recordSamples(SAMPLE_RATE, 1, chunk.flip());
        }
        recorder.stop();
    }

    private static String audioCodec(String extension) {
        return switch (extension) {
            case "wav" -> "pcm_s16le";
            case "mp3" -> "libmp3lame";
            case "m4a" -> "aac";
            case "ogg", "opus" -> "libopus";
            default -> throw new IllegalArgumentException(
                    "no audio format for extension '" + extension + "': use .wav, .mp3, .m4a, .ogg or .opus");
        };
    }

    /**
     * An MP4 (H.264 by OpenH264, 25 fps, no audio) of colour bars with a moving square; no text, as headless
     * machines may lack fonts. Its index (moov) comes first, as in files made for the web, so a cut copy
     * still opens and states the full duration: the case a probe must catch.
     */
    public static Path video(Path file, Duration duration, int width, int height) {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FRAME_RATE);
            recorder.setVideoBitrate(500_000);
            recorder.setOption("movflags", "faststart");
            recorder.start();
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            long frames = duration.toMillis() * FRAME_RATE / 1000;
            for (int n = 0; n < frames; n++) {
                drawPattern(image, n);
                Frame frame = converter.convert(image);
                recorder.record(frame);
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write " + file, e);
        }
        return file;
    }

    private static void drawPattern(BufferedImage image, int frameNumber) {
        int width = image.getWidth();
        int height = image.getHeight();
        Graphics2D g = image.createGraphics();
        try {
            for (int i = 0; i < BARS.length; i++) {
                g.setColor(BARS[i]);
                g.fillRect(i * width / BARS.length, 0, width / BARS.length + 1, height);
            }
            int side = Math.max(4, height / 5);
            g.setColor(Color.DARK_GRAY);
            g.fillRect(frameNumber * 4 % Math.max(1, width - side), (height - side) / 2, side, side);
        } finally {
            g.dispose();
        }
    }

    /** A PNG of colour bars. */
    public static Path image(Path file, int width, int height) {
        return write(file, png(width, height));
    }

    /**
     * The MP3 with a PNG cover in an ID3v2.3 tag put in front, as downloaded music usually has.
     * FFmpeg shows such a cover as a video stream, which must not make the file a VIDEO.
     */
    public static Path withCoverArt(Path mp3, Path target) {
        try {
            ByteArrayOutputStream apic = new ByteArrayOutputStream();
            apic.write(0); // text encoding: ISO-8859-1
            apic.write("image/png\0".getBytes(StandardCharsets.ISO_8859_1));
            apic.write(3); // picture type: front cover
            apic.write(0); // empty description
            apic.write(png(300, 300));
            ByteArrayOutputStream tag = new ByteArrayOutputStream();
            tag.write("ID3".getBytes(StandardCharsets.ISO_8859_1));
            tag.write(new byte[] {3, 0, 0}); // version 2.3, no flags
            tag.write(syncSafe(10 + apic.size()));
            tag.write("APIC".getBytes(StandardCharsets.ISO_8859_1));
            tag.write(ByteBuffer.allocate(4).putInt(apic.size()).array()); // 2.3 frame sizes are plain
            tag.write(new byte[] {0, 0});
            apic.writeTo(tag);
            tag.write(Files.readAllBytes(mp3));
            return write(target, tag.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ID3 tag sizes keep the top bit of every byte clear. */
    private static byte[] syncSafe(int size) {
        return new byte[] {(byte) (size >> 21 & 0x7f), (byte) (size >> 14 & 0x7f), (byte) (size >> 7 & 0x7f),
                (byte) (size & 0x7f)};
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        drawPattern(image, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Plain text under whatever name is given, such as "song.mp3" or "clip.mp4". */
    public static Path textDisguisedAs(Path file) {
        return write(file, """
                Thông báo: lịch phát thanh tuần này thay đổi.
                This is a text file, not a recording. It only has a media file's name.
                """.repeat(20).getBytes(StandardCharsets.UTF_8));
    }

    /** The first keepBytes of source, as an interrupted upload or copy leaves it. */
    public static Path truncated(Path source, Path target, int keepBytes) {
        try (InputStream in = Files.newInputStream(source)) {
            return write(target, in.readNBytes(keepBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path empty(Path file) {
        return write(file, new byte[0]);
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
