package communecast.media.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Videos and pictures in the formats people bring, made on the spot by FFmpeg (through JavaCV) or the JDK,
 * and damaged copies of them. No binary fixture is committed.
 *
 * <p>Every picture shows the same scene, chosen so a test can tell where it landed on a screen: an orange
 * field ({@link #FIELD}) with a sky-blue block in its middle half ({@link #BLOCK}) and a small white square
 * moving along the top. Nothing in it is dark, so black on a screen is padding.
 */
public final class VideoFixtures {

    public static final Color FIELD = new Color(230, 130, 30);
    public static final Color BLOCK = new Color(40, 150, 230);
    /** The top quarter of an upright portrait picture, for telling whether it was turned the right way. */
    public static final Color TOP_BAND = new Color(220, 30, 30);

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /**
     * Containers and codecs people upload. The frame rates differ on purpose: a rendition at 25 fps must
     * repeat or drop frames to keep time.
     */
    public enum Format {
        /** H.264 by OpenH264, AAC. */
        MP4_H264("mp4", "mp4", List.of("libopenh264"), "aac", 44_100, 25),
        /**
         * H.265. The standard bytedeco FFmpeg build decodes HEVC but has no software encoder for it; the x265
         * command-line encoder makes it instead where it is installed (Debian: apt-get install x265). Silent:
         * MP4_H264 covers sound in MP4.
         */
        MP4_H265("mp4", "mp4", List.of("libx265", "libkvazaar", "libsvt_hevc"), null, 0, 25),
        /** A phone's QuickTime file: H.264 and AAC at 30 fps. */
        MOV("mov", "mov", List.of("libopenh264"), "aac", 44_100, 30),
        /** The classic "DivX/Xvid" AVI: MPEG-4 Part 2 and MP3. */
        AVI("avi", "avi", List.of("mpeg4"), "libmp3lame", 44_100, 25),
        /**
         * Windows Media: WMV2 in ASF, at 15 fps as old cameras and screen recorders made them. Silent: JavaCV
         * writes WMA into ASF without packet timestamps or durations, and NUT, the way round that for the
         * other containers, cannot carry WMA (it drops its block size).
         */
        WMV("wmv", "asf", List.of("wmv2"), null, 0, 15),
        /** Matroska with MPEG-4 Part 2 at a variable frame rate (gaps of 20 and 50 ms by turns) and Opus. */
        MKV_VFR("mkv", "matroska", List.of("mpeg4"), "libopus", 48_000, 0),
        /** WebM with VP8 and Opus at 24 fps. */
        WEBM_VP8("webm", "webm", List.of("libvpx"), "libopus", 48_000, 24),
        /** WebM with VP9 at 29.97 fps, silent. */
        WEBM_VP9("webm", "webm", List.of("libvpx-vp9"), null, 0, 30_000.0 / 1001);

        public final String extension;
        final String container;
        final List<String> videoEncoders;
        final String audioEncoder;
        final int sampleRate;
        /** 0 for variable. */
        public final double frameRate;

        Format(String extension, String container, List<String> videoEncoders, String audioEncoder, int sampleRate,
                double frameRate) {
            this.extension = extension;
            this.container = container;
            this.videoEncoders = videoEncoders;
            this.audioEncoder = audioEncoder;
            this.sampleRate = sampleRate;
            this.frameRate = frameRate;
        }

        /** FFmpeg's muxer: mp4, mov, avi, asf, matroska, webm. */
        public String container() {
            return container;
        }

        public boolean hasSound() {
            return audioEncoder != null;
        }

        /** The first of the video encoders that this FFmpeg build has. */
        public Optional<String> videoEncoder() {
            return videoEncoders.stream().filter(VideoFixtures::hasEncoder).findFirst();
        }

        /** Whether {@link #video} can make this format here. */
        public boolean available() {
            return videoEncoder().isPresent() || this == MP4_H265 && X265.installed();
        }

        /** Why this format cannot be made here, for a test's skip message. */
        public String whyUnavailable() {
            return "this FFmpeg build (" + avutil.av_version_info().getString() + ") has none of the encoders "
                    + videoEncoders + " that " + name() + " needs" + (this == MP4_H265
                    ? " (it has an HEVC decoder, and only GPU encoders: hevc_vaapi/nvenc/qsv), and no x265 command is on the PATH"
                    : "") + ", so no such file can be made for the test";
        }
    }

    private VideoFixtures() {
    }

    public static boolean hasEncoder(String name) {
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(name);
        return codec != null && !codec.isNull();
    }

    /**
     * A video of the scene in the given format, with a 440 Hz tone if the format has sound.
     *
     * @throws IllegalStateException if this FFmpeg has no encoder for the format (check {@link Format#videoEncoder()})
     */
    public static Path video(Path file, Format format, Duration duration, int width, int height) {
        if (format == Format.MP4_H265 && format.videoEncoder().isEmpty() && X265.installed()) {
            return X265.mp4(file, duration, width, height);
        }
        String encoder = format.videoEncoder().orElseThrow(() -> new IllegalStateException(format.whyUnavailable()));
        if (!format.hasSound() || format.container.equals("mp4") || format.container.equals("mov")) {
            return encode(file, format.container, format, encoder, duration, width, height);
        }
        // JavaCV's recorder does not convert an encoded sound packet's duration from the encoder's clock
        // (1/sample rate) to the container's (1/1000 in Matroska and ASF): the last packet then seems to
        // last 960 or 2048 ms, and so does the whole file. NUT keeps the encoder's clock; copying its packets
        // into the real container converts durations properly.
        Path nut = file.resolveSibling(file.getFileName() + ".nut");
        try {
            encode(nut, "nut", format, encoder, duration, width, height);
            return remux(nut, file, format.container);
        } finally {
            try {
                Files.deleteIfExists(nut);
            } catch (IOException e) {
                // A temporary file in a test's directory.
            }
        }
    }

    /**
     * An MP4 (H.264, AAC) of the moving scene with the given sound: planar float, one array a channel, at rate;
     * the picture lasts as long as the sound.
     */
    public static Path mp4WithSound(Path file, int width, int height, float[][] sound, int rate) {
        int channels = sound.length;
        long samples = sound[0].length;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, channels);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName(Format.MP4_H264.videoEncoder().orElseThrow());
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setVideoBitrate(Math.max(300_000, width * height * 3));
            recorder.setAudioCodecName("aac");
            recorder.setSampleRate(rate);
            recorder.setAudioBitrate(192_000);
            recorder.start();
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            long frames = samples * 25 / rate;
            long done = 0;
            for (int n = 0; n < frames; n++) {
                drawScene(image, n);
                recorder.record(converter.convert(image));
                long until = Math.min(samples, (n + 1L) * rate / 25);
                FloatBuffer chunk = FloatBuffer.allocate((int) (until - done) * channels);
                for (; done < until; done++) {
                    for (float[] channel : sound) {
                        chunk.put(channel[(int) done]);
                    }
                }
                recorder.recordSamples(rate, channels, chunk.flip());
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write " + file, e);
        }
        return file;
    }

    private static Path remux(Path source, Path target, String container) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getAudioChannels())) {
                recorder.setFormat(container);
                AVFormatContext input = grabber.getFormatContext();
                for (int i = 0; i < input.nb_streams(); i++) {
                    input.streams(i).codecpar().codec_tag(0); // NUT's tags mean nothing to other containers
                }
                recorder.start(input);
                for (AVPacket packet; (packet = grabber.grabPacket()) != null; ) {
                    recorder.recordPacket(packet);
                }
                recorder.stop();
            }
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not copy " + source + " into " + target, e);
        }
        return target;
    }

    private static Path encode(Path file, String container, Format format, String encoder, Duration duration,
            int width, int height) {
        boolean variable = format.frameRate == 0;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, format.hasSound() ? 1 : 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(container);
            recorder.setVideoCodecName(encoder);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            // A variable rate needs a millisecond clock: frame n of "1000 fps" is at n ms.
            recorder.setFrameRate(variable ? 1000 : format.frameRate);
            recorder.setGopSize(variable ? 1000 : (int) Math.round(format.frameRate * 2));
            recorder.setVideoBitrate(Math.max(300_000, width * height * 3));
            switch (encoder) {
                case "mpeg4", "wmv2" -> recorder.setVideoQuality(3); // fixed quantiser: sharp whatever the clock
                case "libvpx", "libvpx-vp9" -> {
                    recorder.setVideoOption("deadline", "realtime");
                    recorder.setVideoOption("cpu-used", "8");
                }
                default -> { }
            }
            if (format.hasSound()) {
                recorder.setAudioCodecName(format.audioEncoder);
                recorder.setSampleRate(format.sampleRate);
                recorder.setAudioBitrate(96_000);
            }
            recorder.start();
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            long end = duration.toMillis();
            Tone tone = format.hasSound() ? new Tone(recorder, format.sampleRate) : null;
            int n = 0;
            for (long ms = 0; ms < end; ) {
                drawScene(image, n++);
                if (variable) {
                    recorder.setTimestamp(ms * 1000);
                }
                recorder.record(converter.convert(image));
                ms = nextFrameMs(format, n - 1, ms);
                if (tone != null) {
                    // Sound interleaved with the pictures, as cameras and muxers write it.
                    tone.until(Math.min(ms, end));
                }
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write " + format + " to " + file, e);
        }
        return file;
    }

    /** H.265 by the x265 command: raw 4:2:0 pictures in, an HEVC stream out, put into an MP4 at 25 fps. */
    private static final class X265 {
        private static Boolean installed;

        static synchronized boolean installed() {
            if (installed == null) {
                try {
                    Process version = new ProcessBuilder("x265", "--version").redirectErrorStream(true).start();
                    version.getInputStream().readAllBytes();
                    installed = version.waitFor() == 0;
                } catch (IOException e) {
                    installed = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    installed = false;
                }
            }
            return installed;
        }

        static Path mp4(Path file, Duration duration, int width, int height) {
            Path yuv = file.resolveSibling(file.getFileName() + ".yuv");
            Path hevc = file.resolveSibling(file.getFileName() + ".hevc");
            try {
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(yuv))) {
                    for (int n = 0; n < duration.toMillis() * 25 / 1000; n++) {
                        drawScene(image, n);
                        out.write(i420(image));
                    }
                }
                Process x265 = new ProcessBuilder("x265", "--input", yuv.toString(), "--input-res", width + "x" + height,
                        "--fps", "25", "--preset", "ultrafast", "--bframes", "0", "--keyint", "50", "--log-level", "error",
                        "--output", hevc.toString()).redirectErrorStream(true).start();
                String log = new String(x265.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (x265.waitFor() != 0) {
                    throw new IllegalStateException("x265 failed: " + log);
                }
                return intoMp4(hevc, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                try {
                    Files.deleteIfExists(yuv);
                    Files.deleteIfExists(hevc);
                } catch (IOException e) {
                    // Temporary files in a test's directory.
                }
            }
        }

        /** A raw stream has no timestamps: frame n gets n / 25 s. */
        private static Path intoMp4(Path hevc, Path mp4) {
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(hevc.toFile())) {
                grabber.setFormat("hevc");
                grabber.start();
                AVFormatContext input = grabber.getFormatContext();
                AVRational timeBase = input.streams(0).time_base();
                try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(mp4.toFile(), grabber.getImageWidth(),
                        grabber.getImageHeight(), 0)) {
                    recorder.setFormat("mp4");
                    recorder.setFrameRate(25);
                    recorder.start(input);
                    long n = 0;
                    for (AVPacket packet; (packet = grabber.grabPacket()) != null; n++) {
                        long pts = avutil.av_rescale_q(n, avutil.av_make_q(1, 25), timeBase);
                        packet.pts(pts).dts(pts).duration(avutil.av_rescale_q(1, avutil.av_make_q(1, 25), timeBase));
                        recorder.recordPacket(packet);
                    }
                    recorder.stop();
                }
            } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
                throw new IllegalStateException("FFmpeg could not put " + hevc + " into " + mp4, e);
            }
            return mp4;
        }

        /** BT.601 limited-range 4:2:0 planes; each 2×2 block takes the chroma of its top-left pixel. */
        private static byte[] i420(BufferedImage image) {
            int width = image.getWidth();
            int height = image.getHeight();
            int chromaWidth = (width + 1) / 2;
            int chromaHeight = (height + 1) / 2;
            byte[] planes = new byte[width * height + 2 * chromaWidth * chromaHeight];
            int u = width * height;
            int v = u + chromaWidth * chromaHeight;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int rgb = image.getRGB(x, y);
                    int r = rgb >> 16 & 0xff;
                    int g = rgb >> 8 & 0xff;
                    int b = rgb & 0xff;
                    planes[y * width + x] = (byte) Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
                    if (x % 2 == 0 && y % 2 == 0) {
                        int at = y / 2 * chromaWidth + x / 2;
                        planes[u + at] = (byte) Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
                        planes[v + at] = (byte) Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
                    }
                }
            }
            return planes;
        }
    }

    /** Milliseconds of the frame after frame n (at ms): the constant rate, or 20 and 50 ms gaps by turns. */
    private static long nextFrameMs(Format format, int n, long ms) {
        if (format.frameRate == 0) {
            return ms + (n % 2 == 0 ? 20 : 50);
        }
        return Math.round((n + 1) * 1000 / format.frameRate);
    }

    /** A 440 Hz mono sine, written in step with the pictures. */
    private static final class Tone {
        private final FFmpegFrameRecorder recorder;
        private final int sampleRate;
        private long done;

        Tone(FFmpegFrameRecorder recorder, int sampleRate) {
            this.recorder = recorder;
            this.sampleRate = sampleRate;
        }

        void until(long ms) throws FrameRecorder.Exception {
            long total = ms * sampleRate / 1000;
            if (total <= done) {
                return;
            }
            ShortBuffer chunk = ShortBuffer.allocate((int) (total - done));
            for (; done < total; done++) {
                chunk.put((short) Math.round(Math.sin(2 * Math.PI * 440 * done / sampleRate) * 0.3 * Short.MAX_VALUE));
            }
            recorder.recordSamples(sampleRate, 1, chunk.flip());
        }
    }

    /** The scene at frame n: orange field, sky-blue middle, white square moving along the top. */
    public static void drawScene(BufferedImage image, int n) {
        int width = image.getWidth();
        int height = image.getHeight();
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(FIELD);
            g.fillRect(0, 0, width, height);
            g.setColor(BLOCK);
            g.fillRect(width / 4, height / 4, width / 2, height / 2);
            int side = Math.max(2, height / 10);
            g.setColor(Color.WHITE);
            g.fillRect(n * Math.max(1, width / 50) % Math.max(1, width - side), height / 16, side, side);
        } finally {
            g.dispose();
        }
    }

    /** An MP4 (H.264, 25 fps, silent) that is black for its first blackDuration, then shows the scene: a fade-in. */
    public static Path blackThenScene(Path file, Duration blackDuration, Duration duration, int width, int height) {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setVideoBitrate(500_000);
            recorder.start();
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            long black = blackDuration.toMillis() * 25 / 1000;
            for (int n = 0; n < duration.toMillis() * 25 / 1000; n++) {
                if (n >= black) {
                    drawScene(image, n);
                }
                recorder.record(converter.convert(image));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write " + file, e);
        }
        return file;
    }

    /** The scene as a PNG or JPEG, by the file's extension (.png, .jpg, .jpeg). */
    public static Path still(Path file, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        drawScene(image, 0);
        return writeImage(file, image);
    }

    /** A PNG with a transparent background and an opaque sky-blue block in its middle half. */
    public static Path transparentPng(Path file, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0x00ffffff); // transparent white: shown as stored, it would be white
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(BLOCK);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return writeImage(file, image);
    }

    /**
     * A portrait picture as a phone stores it: a landscape frame turned a quarter counterclockwise, to be
     * turned clockwise to stand up. Upright, its top quarter is {@link #TOP_BAND}, the rest the orange field.
     */
    public static BufferedImage lyingPortrait(int storedWidth, int storedHeight) {
        BufferedImage upright = new BufferedImage(storedHeight, storedWidth, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D u = upright.createGraphics();
        u.setColor(FIELD);
        u.fillRect(0, 0, storedHeight, storedWidth);
        u.setColor(TOP_BAND);
        u.fillRect(0, 0, storedHeight, storedWidth / 4);
        u.dispose();
        BufferedImage stored = new BufferedImage(storedWidth, storedHeight, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D s = stored.createGraphics();
        // Counterclockwise quarter turn: upright (x, y) lands at (y, storedHeight - 1 - x).
        AffineTransform turn = new AffineTransform(0, -1, 1, 0, 0, storedHeight);
        s.drawImage(upright, turn, null);
        s.dispose();
        return stored;
    }

    /**
     * A phone's portrait video: landscape frames (see {@link #lyingPortrait}) in an MP4 whose display matrix
     * says to turn them clockwise (FFmpeg shows "rotation of -90.00 degrees").
     */
    public static Path phonePortraitVideo(Path file, Duration duration, int storedWidth, int storedHeight) {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), storedWidth, storedHeight, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(30);
            recorder.setVideoBitrate(800_000);
            recorder.setDisplayRotation(-90);
            recorder.start();
            Frame frame = converter.convert(lyingPortrait(storedWidth, storedHeight));
            for (long n = 0; n < duration.toMillis() * 30 / 1000; n++) {
                recorder.record(frame);
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("FFmpeg could not write " + file, e);
        }
        return file;
    }

    /** A phone's portrait photo: a landscape JPEG (see {@link #lyingPortrait}) with EXIF orientation 6. */
    public static Path phonePortraitJpeg(Path file, int storedWidth, int storedHeight) {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(lyingPortrait(storedWidth, storedHeight), "jpg", jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] plain = jpeg.toByteArray();
        // APP1 "Exif\0\0", a big-endian TIFF header, IFD0 with one entry: Orientation (0x0112) SHORT 1 = 6.
        byte[] exif = HexFormat.of().parseHex("ffe10022" + "457869660000" + "4d4d002a00000008"
                + "0001" + "011200030000000100060000" + "00000000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(exif, 0, exif.length);
        out.write(plain, 2, plain.length - 2);
        return write(file, out.toByteArray());
    }

    /**
     * A genuine PNG of the given size, cheap however large: 1 bit per pixel, all black, so it compresses to
     * almost nothing. For testing size limits.
     */
    public static Path largePng(Path file, int width, int height) {
        return writeImage(file, new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY));
    }

    /**
     * The file with everything after its headers replaced by random bytes (same length, fixed seed): the
     * container still opens and declares its streams, but the coded pictures are noise. Finds where the
     * body starts from the format's own structure: MP4/MOV "mdat", Matroska's first Cluster, AVI "movi",
     * ASF's Data Object, PNG "IDAT", JPEG's start of scan.
     */
    public static Path garbageBody(Path source, Path target) {
        byte[] bytes = read(source);
        int[] body = body(bytes);
        byte[] noise = new byte[body[1] - body[0]];
        new Random(42).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, body[0], noise.length);
        return write(target, bytes);
    }

    /** {start, end} of the coded media: to the end of the file, but for MP4/MOV only the "mdat" box's payload. */
    static int[] body(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.ISO_8859_1);
        if (head.substring(4, 8).equals("ftyp")) {
            // Top-level boxes: 32-bit size (1: a 64-bit size follows the type), 4-letter type. The index
            // (moov) may come after the data, so only mdat's payload is replaced.
            ByteBuffer boxes = ByteBuffer.wrap(bytes);
            for (int at = 0; at + 8 <= bytes.length; ) {
                long size = boxes.getInt(at) & 0xffffffffL;
                int header = 8;
                if (size == 1) {
                    size = boxes.getLong(at + 8);
                    header = 16;
                }
                if (new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1).equals("mdat")) {
                    return new int[] {at + header, (int) Math.min(bytes.length, at + size)};
                }
                at += (int) (size == 0 ? bytes.length : size);
            }
            throw new IllegalArgumentException("an MP4 without an mdat box");
        }
        return new int[] {bodyStart(bytes), bytes.length};
    }

    private static int bodyStart(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.ISO_8859_1);
        if (head.startsWith("\u0089PNG")) {
            return find(bytes, ascii("IDAT")) + 4;
        }
        if ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8) {
            int sos = find(bytes, new byte[] {(byte) 0xff, (byte) 0xda});
            return sos + 2 + (ByteBuffer.wrap(bytes, sos + 2, 2).getShort() & 0xffff);
        }
        if (head.startsWith("RIFF")) {
            return find(bytes, ascii("movi")) + 4;
        }
        if ((bytes[0] & 0xff) == 0x1a && (bytes[1] & 0xff) == 0x45) {
            return find(bytes, new byte[] {0x1f, 0x43, (byte) 0xb6, 0x75}) + 12; // keep the Cluster's header
        }
        int data = find(bytes, HexFormat.of().parseHex("3626b2758e66cf11a6d900aa0062ce6c"));
        if (data >= 0) {
            return data + 50; // ASF Data Object header: GUID, size, file id, packet count, reserved
        }
        throw new IllegalArgumentException("no known media structure in a file starting with " + head);
    }

    private static int find(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Path writeImage(Path file, BufferedImage image) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".png") ? "png" : name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpg" : null;
        if (format == null) {
            throw new IllegalArgumentException("name a picture .png, .jpg or .jpeg: " + file);
        }
        try {
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer for this image type");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
