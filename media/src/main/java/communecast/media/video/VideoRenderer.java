package communecast.media.video;

import communecast.media.FfmpegLog;
import communecast.media.MediaInfo;
import communecast.media.MediaKind;
import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import communecast.media.ProgressListener;
import communecast.media.audio.Loudness;
import communecast.media.audio.LoudnessMeter;
import communecast.media.audio.Normalisation;
import communecast.media.audio.Normaliser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Renders a video or a still image for one LED screen size: an MP4 whose every frame is exactly the
 * screen's size, the picture scaled to fit inside it keeping its shape (never stretched), centred, the rest
 * black; at a constant frame rate; H.264 by OpenH264 (constrained baseline, which every player decodes),
 * with the index (moov) at the front so that a player can start while downloading.
 *
 * <p>A video keeps its duration and its sound (as AAC, 44.1 kHz stereo), brought by the {@link Normaliser} to
 * the spec's loudness, the radio bulletins' (sound it cannot level, silent or too quiet, is kept as it was;
 * what was written is measured and returned); a still image becomes a silent
 * video of {@link VideoRenditionSpec#stillDuration()}. A picture that a phone stored on its side (display
 * matrix in a video, EXIF orientation in a JPEG) is turned upright first, and transparent parts of an image
 * are black.
 *
 * <p>How: FFmpeg decodes (handing pictures over as packed 4:2:2); each decoded picture goes through one FFmpeg
 * filter chain, {@code scale=w:h,[transpose,]setsar=1,pad=W:H:(ow-iw)/2:(oh-ih)/2:black,format=yuv420p}, with
 * the fitted size computed here from the upright display size (pixel aspect ratio included, which
 * {@code force_original_aspect_ratio} ignores). FFmpeg's swscale rather than Java2D: it filters properly
 * when shrinking 1080p to 192 lines, keeps the picture in YUV (no round trip through RGB), and is several
 * times faster. The constant rate is made here, not by the {@code fps} filter: output frame n (at n / rate)
 * shows the latest source frame whose time is not more than half an output frame later, repeating or
 * dropping frames as timestamps say (variable-rate sources too), for exactly round(duration × rate) frames.
 *
 * <p>Thread-safe: every call works on its own FFmpeg contexts. CPU-bound: on a 2-core machine run one
 * render at a time.
 */
public final class VideoRenderer {

    public static final String VIDEO_ENCODER = "libopenh264";
    public static final String AUDIO_ENCODER = "aac";
    public static final int AUDIO_SAMPLE_RATE = 44_100;
    public static final int AUDIO_CHANNELS = 2;
    public static final int AUDIO_BITRATE = 128_000;

    private static final int YUV420P = avutil.AV_PIX_FMT_YUV420P;
    /**
     * What decoded video is converted to on its way to the filter: packed 4:2:2, one plane. JavaCV hands a
     * picture over as one buffer with one stride; for planar 4:2:0 the grabber pads its chroma rows in ways
     * the filter cannot know (a 400 or 1080 px wide picture came out green), for a packed format there is
     * nothing to guess. Cheaper than RGB: no colour matrix, 2 bytes a pixel.
     */
    private static final int DECODED = avutil.AV_PIX_FMT_YUYV422;
    /** Sound that starts this much after the picture gets silence in front; less is not worth it. */
    private static final long AUDIO_OFFSET_TOLERANCE_MICROS = 20_000;

    /** The part of the progress that measuring and levelling the sound takes, before the encoding. */
    private static final double SOUND_SHARE = 0.15;

    private final MediaProbe probe;
    private final Normaliser normaliser;
    private final LoudnessMeter meter;

    public VideoRenderer() {
        this(new MediaProbe());
    }

    /** With a probe of the server's own limits (maximum duration). */
    public VideoRenderer(MediaProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.normaliser = new Normaliser(probe);
        this.meter = new LoudnessMeter(probe);
    }

    /**
     * Writes the rendition of input to outputMp4 (replacing it). The file appears only when complete:
     * it is written beside it as "name.part" and moved into place.
     *
     * @throws MediaRejectedException the input is not a video or image that can be shown: the probe's reasons
     *         (unreadable, undecodable, truncated, too long, too large), NO_MEDIA_STREAM for an audio file,
     *         UNDECODABLE if decoding fails part way
     * @throws UncheckedIOException the rendition cannot be written (disk full, no permission): not the input's fault
     */
    public VideoRendition render(Path input, Path outputMp4, VideoRenditionSpec spec, ProgressListener progress)
            throws MediaRejectedException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outputMp4, "outputMp4");
        Objects.requireNonNull(spec, "spec");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        MediaInfo info = probe.probe(input);
        if (info.kind() == MediaKind.AUDIO) {
            throw new MediaRejectedException(Reason.NO_MEDIA_STREAM, "an audio file has no picture to show on a screen");
        }
        Path partial = Sources.partial(outputMp4);
        boolean done = false;
        try {
            Level level = info.kind() == MediaKind.VIDEO && info.audioCodec() != null
                    ? level(input, spec, outputMp4, scaled(listener, 0, SOUND_SHARE)) : null;
            ProgressListener encoding = scaled(listener, level == null ? 0 : SOUND_SHARE, 1);
            long frames = info.kind() == MediaKind.IMAGE
                    ? renderStill(input, info, partial, spec, encoding)
                    : renderVideo(input, info, partial, spec, level, encoding);
            Sources.moveIntoPlace(partial, outputMp4);
            done = true;
            long durationMs = Math.round(frames * 1000.0 / spec.frameRate());
            long bytes = Files.size(outputMp4);
            Loudness after = level == null ? null : written(outputMp4);
            listener.progress(1.0);
            return new VideoRendition(durationMs, spec.screen().width(), spec.screen().height(), spec.frameRate(),
                    Math.round(bytes * 8.0 / Math.max(1, durationMs)), level == null ? null : level.before(), after);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + outputMp4, e);
        } finally {
            if (!done) {
                Sources.deleteQuietly(partial);
            }
        }
    }

    /**
     * How the sound is brought to the spec's loudness: the normaliser's chain, or, for sound it cannot level
     * (silent, too quiet to lift, undecodable on its own), the conversion alone: the video still shows.
     */
    private record Level(String chain, Loudness before) {
    }

    private Level level(Path input, VideoRenditionSpec spec, Path output, ProgressListener progress) {
        try {
            Normalisation found = normaliser.normalise(input, spec.sound(), output.toAbsolutePath().getParent(), progress);
            return new Level(found.chain(), found.before());
        } catch (MediaRejectedException e) {
            return new Level(spec.sound().conversion(), null);
        }
    }

    /** The written sound's loudness, as a viewer hears it. */
    private Loudness written(Path mp4) {
        try {
            return meter.measure(mp4);
        } catch (MediaRejectedException e) {
            throw new IllegalStateException("the sound of the MP4 just written does not decode: " + e.getMessage(), e);
        }
    }

    private static ProgressListener scaled(ProgressListener listener, double from, double to) {
        return fraction -> listener.progress(from + (to - from) * fraction);
    }

    private long renderStill(Path input, MediaInfo info, Path output, VideoRenditionSpec spec, ProgressListener progress)
            throws MediaRejectedException {
        FFmpegFrameGrabber grabber = Sources.open(input, info, avutil.AV_PIX_FMT_RGBA);
        PictureFilter fitter = null;
        Encoder encoder = null;
        try {
            SourcePicture picture = SourcePicture.of(grabber, input, info);
            Frame image = grab(grabber, true, 0);
            if (image == null || image.image == null) {
                throw new MediaRejectedException(Reason.UNDECODABLE, "the picture cannot be decoded");
            }
            fitter = new PictureFilter(picture.fitFilters(spec.screen()), avutil.AV_PIX_FMT_RGBA);
            Frame still = fitter.apply(image);
            long total = spec.stillFrames();
            encoder = new Encoder(output, spec, false, total, progress);
            for (long n = 0; n < total; n++) {
                encoder.picture(still);
            }
            still.close();
            encoder.finish();
            return total;
        } finally {
            Sources.close(encoder);
            Sources.close(fitter);
            Sources.close(grabber);
        }
    }

    private long renderVideo(Path input, MediaInfo info, Path output, VideoRenditionSpec spec, Level level,
                             ProgressListener progress) throws MediaRejectedException {
        FFmpegFrameGrabber grabber = Sources.open(input, info, DECODED);
        PictureFilter fitter = null;
        Encoder encoder = null;
        Soundtrack soundtrack = null;
        Frame held = null;
        try {
            SourcePicture picture = SourcePicture.of(grabber, input, info);
            boolean sound = level != null && grabber.hasAudio() && grabber.getAudioChannels() > 0 && grabber.getSampleRate() > 0;
            long total = Math.max(1, Math.round(info.durationMs() * spec.frameRate() / 1000.0));
            long endMicros = total * 1_000_000L / spec.frameRate();
            long startTime = grabber.getFormatContext().start_time();
            long origin = startTime == avutil.AV_NOPTS_VALUE ? 0 : startTime;
            double sourceRate = grabber.getFrameRate() > 0 && grabber.getFrameRate() < 1000 ? grabber.getFrameRate() : 25;
            fitter = new PictureFilter(picture.fitFilters(spec.screen()), DECODED);
            encoder = new Encoder(output, spec, sound, total, progress);
            if (sound) {
                soundtrack = new Soundtrack(encoder.recorder, level.chain(), grabber.getAudioChannels(),
                        grabber.getSampleRate(), origin, endMicros);
            }

            long n = 0;
            long previous = Long.MIN_VALUE;
            long latestStamp = Long.MIN_VALUE;
            Frame frame;
            while ((frame = grab(grabber, false, encoder.seconds(n))) != null) {
                if (frame.image != null && n < total) {
                    long stamp = frame.timestamp - origin;
                    // No timestamp, or one that does not advance: the frame comes a source frame after the last.
                    long t = latestStamp != Long.MIN_VALUE && stamp <= latestStamp
                            ? previous + Math.round(1e6 / sourceRate) : stamp;
                    latestStamp = Math.max(latestStamp, stamp);
                    previous = t;
                    if (held != null) {
                        // Show the previous frame in every slot that is nearer to it than to this one.
                        while (n < total && slotMicros(n, spec) * 2 + slotMicros(1, spec) <= t * 2) {
                            encoder.picture(held);
                            n++;
                        }
                        held.close();
                        held = null;
                    }
                    held = fitter.apply(frame);
                } else if (frame.samples != null && soundtrack != null) {
                    soundtrack.write(frame);
                }
                if (n >= total && (soundtrack == null || soundtrack.complete())) {
                    break;
                }
            }
            if (held == null) {
                throw new MediaRejectedException(Reason.UNDECODABLE, "the video stream has no frame that can be decoded");
            }
            while (n < total) {
                encoder.picture(held);
                n++;
            }
            if (soundtrack != null) {
                soundtrack.finish();
            }
            encoder.finish();
            return total;
        } finally {
            if (held != null) {
                held.close();
            }
            Sources.close(soundtrack);
            Sources.close(encoder);
            Sources.close(fitter);
            Sources.close(grabber);
        }
    }

    private static long slotMicros(long n, VideoRenditionSpec spec) {
        return n * 1_000_000L / spec.frameRate();
    }

    private static Frame grab(FFmpegFrameGrabber grabber, boolean imageOnly, double atSeconds) throws MediaRejectedException {
        try {
            return imageOnly ? grabber.grabImage() : grabber.grab();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new MediaRejectedException(Reason.UNDECODABLE, String.format(Locale.ROOT,
                    "decoding failed %.1f s into the rendition: %s", atSeconds, FfmpegLog.describe(e)), e);
        }
    }

    /** The MP4 being written: H.264 pictures at a constant rate, AAC sound if any. */
    private static final class Encoder implements AutoCloseable {
        final FFmpegFrameRecorder recorder;
        private final Path output;
        private final int frameRate;
        private final long total;
        private final ProgressListener progress;
        private long written;
        private int percent;

        Encoder(Path output, VideoRenditionSpec spec, boolean sound, long total, ProgressListener progress) {
            this.output = output;
            this.frameRate = spec.frameRate();
            this.total = total;
            this.progress = progress;
            ScreenSize screen = spec.screen();
            recorder = new FFmpegFrameRecorder(output.toFile(), screen.width(), screen.height(), sound ? AUDIO_CHANNELS : 0);
            recorder.setFormat("mp4");
            recorder.setOption("movflags", "+faststart");
            recorder.setVideoCodecName(VIDEO_ENCODER);
            recorder.setPixelFormat(YUV420P);
            recorder.setFrameRate(spec.frameRate());
            recorder.setVideoBitrate(spec.bitrateKbps() * 1000);
            recorder.setGopSize(2 * spec.frameRate());
            // OpenH264 may drop frames to hold its bitrate: that would break the constant rate.
            recorder.setVideoOption("allow_skip_frames", "0");
            if (sound) {
                recorder.setAudioCodecName(AUDIO_ENCODER);
                recorder.setSampleRate(AUDIO_SAMPLE_RATE);
                recorder.setAudioBitrate(AUDIO_BITRATE);
            }
            try {
                recorder.start();
            } catch (FFmpegFrameRecorder.Exception e) {
                Sources.close(recorder);
                throw failed("cannot start writing", e);
            }
        }

        void picture(Frame fitted) {
            try {
                recorder.record(fitted, YUV420P);
            } catch (FFmpegFrameRecorder.Exception e) {
                throw failed("H.264 encoding failed at frame " + written + " of", e);
            }
            written++;
            int now = (int) (written * 100 / total);
            if (now > percent) {
                percent = now;
                progress.progress(Math.min(0.99, (double) written / total));
            }
        }

        double seconds(long frames) {
            return (double) frames / frameRate;
        }

        void finish() {
            try {
                recorder.stop();
            } catch (FFmpegFrameRecorder.Exception e) {
                throw failed("cannot finish writing", e);
            }
        }

        private UncheckedIOException failed(String what, Exception e) {
            return new UncheckedIOException(new IOException(what + " " + output + ": " + FfmpegLog.describe(e), e));
        }

        @Override
        public void close() {
            Sources.close(recorder);
        }
    }

    /**
     * The source's sound, placed on the picture's time line and brought to the radio's loudness: silence in front
     * if it starts late, its head cut if it starts early, then the normaliser's chain (to 44.1 kHz stereo, the
     * gain, the limiter if any), its tail cut at the rendition's end. JavaCV's recorder is given only what it
     * encodes as is: asked to convert mono into its stereo, it reads the mono buffer as stereo, twice its length.
     */
    private static final class Soundtrack implements AutoCloseable {
        private final FFmpegFrameRecorder recorder;
        private final FFmpegFrameFilter filter;
        private final int channels;
        private final int rate;
        private final long origin;
        /** The rendition's end, in output samples. */
        private final long end;
        private boolean started;
        private long written;
        private long skip;

        Soundtrack(FFmpegFrameRecorder recorder, String chain, int channels, int rate, long origin, long endMicros) {
            this.recorder = recorder;
            this.channels = channels;
            this.rate = rate;
            this.origin = origin;
            this.end = (long) Math.ceil(endMicros * AUDIO_SAMPLE_RATE / 1e6);
            try {
                this.filter = Normaliser.filter(chain, channels, rate);
            } catch (FrameFilter.Exception e) {
                throw new UncheckedIOException(new IOException("cannot set up the sound's filters: " + FfmpegLog.describe(e), e));
            }
        }

        boolean complete() {
            return written >= end;
        }

        /** A frame of the source's sound; one in another format than the stream began with is not its sound. */
        void write(Frame frame) {
            if (complete() || frame.sampleRate != rate || Math.max(1, frame.audioChannels) != channels
                    || !(frame.samples[0] instanceof FloatBuffer pcm)) {
                return;
            }
            FloatBuffer samples = pcm.duplicate();
            if (!started) {
                started = true;
                long late = frame.timestamp - origin;
                if (late > AUDIO_OFFSET_TOLERANCE_MICROS) {
                    int silent = (int) Math.min(Integer.MAX_VALUE / channels, late * rate / 1_000_000L);
                    push(FloatBuffer.allocate(silent * channels));
                } else if (late < -AUDIO_OFFSET_TOLERANCE_MICROS) {
                    skip = -late * rate / 1_000_000L;
                }
            }
            if (skip > 0) {
                int cut = (int) Math.min(samples.remaining() / channels, skip);
                samples.position(samples.position() + cut * channels);
                skip -= cut;
            }
            if (samples.hasRemaining()) {
                push(samples);
            }
        }

        /** The end of the source: what the chain still holds (the limiter's look-ahead). */
        void finish() {
            try {
                filter.push(null);
            } catch (FrameFilter.Exception e) {
                throw failed(e);
            }
            drain();
        }

        private void push(FloatBuffer samples) {
            // pushSamples reads a buffer's position as bytes: a buffer from position 0 it reads right.
            FloatBuffer from0 = samples.position() == 0 ? samples : FloatBuffer.allocate(samples.remaining()).put(samples).flip();
            try {
                filter.pushSamples(0, channels, rate, avutil.AV_SAMPLE_FMT_FLT, from0);
            } catch (FrameFilter.Exception e) {
                throw failed(e);
            }
            drain();
        }

        private void drain() {
            try {
                Normaliser.drain(filter, this::record);
            } catch (FrameFilter.Exception | FrameRecorder.Exception e) {
                throw failed(e);
            }
        }

        private void record(FloatBuffer stereo) throws FrameRecorder.Exception {
            long count = Math.min(stereo.remaining() / AUDIO_CHANNELS, end - written);
            if (count <= 0) {
                return;
            }
            stereo.limit(stereo.position() + (int) count * AUDIO_CHANNELS);
            recorder.recordSamples(AUDIO_SAMPLE_RATE, AUDIO_CHANNELS, stereo);
            written += count;
        }

        private static UncheckedIOException failed(Exception e) {
            return new UncheckedIOException(new IOException("AAC encoding failed: " + FfmpegLog.describe(e), e));
        }

        @Override
        public void close() {
            Normaliser.release(filter);
        }
    }
}
