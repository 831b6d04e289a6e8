package communecast.media;

import communecast.media.MediaRejectedException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Tells what a file is and whether it can be played, by opening it with FFmpeg and decoding from it.
 * The file name plays no part: a text file called "x.mp4" is rejected, a PNG called "x.mp3" is an IMAGE.
 * Thread-safe: every call opens its own grabber.
 */
public final class MediaProbe {

    /** Longer than any commune broadcast; also bounds the work of measuring a file by decoding it. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(4);
    /** Twice the width of 8K video; a picture wider or taller is a mistake or a decompression bomb. */
    public static final int MAX_PICTURE_SIDE = 16_384;
    /** A 100-megapixel picture already takes 400 MB decoded; far beyond any screen. */
    public static final long MAX_PICTURE_PIXELS = 100_000_000;

    static {
        FfmpegLog.quiet();
    }

    private final long maxMicros;

    public MediaProbe() {
        this(DEFAULT_MAX_DURATION);
    }

    public MediaProbe(Duration maxDuration) {
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
        }
        this.maxMicros = maxDuration.toNanos() / 1000;
    }

    public MediaInfo probe(Path file) throws MediaRejectedException {
        Objects.requireNonNull(file, "file");
        if (size(file) == 0) {
            throw new MediaRejectedException(Reason.EMPTY, "file is empty");
        }
        String format = ContentFormat.detect(file);
        String shortened = ContainerSize.truncation(file, format);
        if (shortened != null) {
            throw new MediaRejectedException(Reason.UNDECODABLE, shortened);
        }
        if (format.endsWith("_pipe")) {
            // Before FFmpeg opens it: finding its stream parameters would decode the whole picture.
            rejectIfTooLarge(PictureHeader.size(file));
            String cut = PictureHeader.truncation(file, format);
            if (cut != null) {
                throw new MediaRejectedException(Reason.UNDECODABLE, cut);
            }
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setFormat(format);
            open(grabber, format);
            return inspect(grabber);
        } catch (FrameGrabber.Exception e) {
            // Only close() gets here: everything else is caught where its meaning is known.
            throw new MediaRejectedException(Reason.UNREADABLE, "FFmpeg failed closing the file: " + FfmpegLog.describe(e), e);
        }
    }

    private static long size(Path file) throws MediaRejectedException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            // The exception names a server path: it stays in the cause, for the log.
            throw new MediaRejectedException(Reason.UNREADABLE, "the server cannot read the stored file", e);
        }
    }

    private static void open(FFmpegFrameGrabber grabber, String format) throws MediaRejectedException {
        try {
            grabber.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            if (format.equals("mov")) {
                // An "ftyp" box was found, so it is an MP4/MOV; what fails is nearly always a missing index.
                throw new MediaRejectedException(Reason.UNREADABLE, "the MP4/MOV index (moov atom) is missing or damaged:"
                        + " the file was probably cut short (an interrupted upload or copy, or a recording never finished)"
                        + " [FFmpeg: " + FfmpegLog.describe(e) + "]", e);
            }
            if (format.endsWith("_pipe")) {
                // Opening a picture decodes it to learn its size and pixel format.
                throw new MediaRejectedException(Reason.UNDECODABLE, "the " + format.replace("_pipe", "").toUpperCase(Locale.ROOT)
                        + " picture is damaged: FFmpeg cannot decode it [" + FfmpegLog.describe(e) + "]", e);
            }
            throw new MediaRejectedException(Reason.UNREADABLE,
                    "not a media file FFmpeg can read: " + FfmpegLog.describe(e), e);
        }
    }

    private MediaInfo inspect(FFmpegFrameGrabber grabber) throws MediaRejectedException {
        boolean audio = grabber.hasAudio();
        boolean video = hasPicture(grabber.getFormatContext());
        if (!audio && !video) {
            throw new MediaRejectedException(Reason.NO_MEDIA_STREAM,
                    "no audio or video stream in this " + grabber.getFormat() + " file");
        }
        // Image demuxers found from content are named "<codec>_pipe": png_pipe, jpeg_pipe, webp_pipe...
        MediaKind kind = !video ? MediaKind.AUDIO
                : !audio && grabber.getFormat().endsWith("_pipe") ? MediaKind.IMAGE : MediaKind.VIDEO;
        if (video) {
            rejectIfTooLarge(new int[] {grabber.getImageWidth(), grabber.getImageHeight()});
        }
        Frame first = firstFrame(grabber, kind);
        if (kind == MediaKind.IMAGE) {
            return info(grabber, MediaKind.IMAGE, 0);
        }
        long micros = grabber.getLengthInTime();
        boolean guessed = grabber.getFormatContext().duration_estimation_method() == avformat.AVFMT_DURATION_FROM_BITRATE;
        if (micros > 0 && !guessed) {
            rejectIfTooLong(micros);
            micros = verifyStatedEnd(grabber, kind, micros);
        } else {
            Measured measured = measure(grabber, kind, first);
            if (kind == MediaKind.VIDEO && !audio && measured.frames() == 1) {
                // A lone picture in a container that states no duration, e.g. a still GIF.
                return info(grabber, MediaKind.IMAGE, 0);
            }
            micros = measured.micros();
        }
        if (micros < 1000) {
            throw new MediaRejectedException(Reason.UNDECODABLE, "decodes to less than a millisecond of "
                    + kind.name().toLowerCase(Locale.ROOT));
        }
        return info(grabber, kind, micros / 1000);
    }

    private static MediaInfo info(FFmpegFrameGrabber grabber, MediaKind kind, long durationMs) {
        boolean audio = kind != MediaKind.IMAGE && grabber.hasAudio();
        boolean video = kind != MediaKind.AUDIO;
        return new MediaInfo(kind, grabber.getFormat(), durationMs,
                audio ? codecName(grabber.getAudioCodec()) : null,
                audio ? grabber.getSampleRate() : 0,
                audio ? grabber.getAudioChannels() : 0,
                video ? codecName(grabber.getVideoCodec()) : null,
                video ? grabber.getImageWidth() : 0,
                video ? grabber.getImageHeight() : 0,
                kind == MediaKind.VIDEO ? grabber.getFrameRate() : 0);
    }

    /** The codec, not the decoder JavaCV reports ("mp3", where the decoder is "mp3float"). */
    private static String codecName(int codecId) {
        return avcodec.avcodec_get_name(codecId).getString();
    }

    /** Cover art in an MP3 or M4A is a video stream to FFmpeg, but the file is still audio. */
    private static boolean hasPicture(AVFormatContext format) {
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            if (stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO
                    && (stream.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return true;
            }
        }
        return false;
    }

    private static Frame firstFrame(FFmpegFrameGrabber grabber, MediaKind kind) throws MediaRejectedException {
        String none = switch (kind) {
            case AUDIO -> "no audio frame could be decoded";
            case VIDEO -> "the video stream has no frame that can be decoded";
            case IMAGE, STREAM -> "the picture cannot be decoded";
        };
        Frame frame;
        try {
            frame = nextFrame(grabber, kind);
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new MediaRejectedException(Reason.UNDECODABLE, none + ": " + FfmpegLog.describe(e), e);
        }
        if (frame == null) {
            throw new MediaRejectedException(Reason.UNDECODABLE, none);
        }
        return frame;
    }

    /** size is {width, height}, or null if unknown. */
    private static void rejectIfTooLarge(int[] size) throws MediaRejectedException {
        if (size == null) {
            return;
        }
        long pixels = (long) size[0] * size[1];
        if (size[0] > MAX_PICTURE_SIDE || size[1] > MAX_PICTURE_SIDE || pixels > MAX_PICTURE_PIXELS) {
            throw new MediaRejectedException(Reason.TOO_LARGE, String.format(Locale.ROOT,
                    "the picture is %d×%d pixels (%.1f megapixels); at most %d pixels a side and %d megapixels are accepted",
                    size[0], size[1], pixels / 1e6, MAX_PICTURE_SIDE, MAX_PICTURE_PIXELS / 1_000_000));
        }
    }

    /** The next decoded frame that carries what this kind plays, or null at the end of the file. */
    private static Frame nextFrame(FFmpegFrameGrabber grabber, MediaKind kind) throws FFmpegFrameGrabber.Exception {
        Frame frame;
        do {
            frame = kind == MediaKind.AUDIO ? grabber.grabSamples() : grabber.grabImage();
            // Both can hand back a frame without content, e.g. at a stream change; skip those.
        } while (frame != null && (kind == MediaKind.AUDIO ? frame.samples : frame.image) == null);
        return frame;
    }

    private void rejectIfTooLong(long micros) throws MediaRejectedException {
        if (micros > maxMicros) {
            throw new MediaRejectedException(Reason.TOO_LONG,
                    "lasts at least " + seconds(micros) + ", more than the " + seconds(maxMicros) + " accepted");
        }
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }

    private record Measured(long micros, long frames) {
    }

    /**
     * Decodes to the end, for containers that state no duration or only guess it from the bitrate
     * (a WAV cut short, an MP3 without a Xing header, a raw H.264 stream). Counts samples or frames, as
     * such streams often lack timestamps.
     */
    private Measured measure(FFmpegFrameGrabber grabber, MediaKind kind, Frame first) throws MediaRejectedException {
        // Raw video can lack a rate; 25 fps is what FFmpeg's raw demuxers assume then.
        double frameRate = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
        long micros = 0;
        long samples = 0;
        long frames = 0;
        long firstTimestamp = first.timestamp;
        long lastTimestamp = first.timestamp;
        try {
            for (Frame frame = first; frame != null; frame = nextFrame(grabber, kind)) {
                frames++;
                if (kind == MediaKind.AUDIO) {
                    samples += frame.samples[0].limit() / (frame.samples.length == 1 ? frame.audioChannels : 1);
                    micros = samples * 1_000_000 / grabber.getSampleRate();
                } else {
                    lastTimestamp = Math.max(lastTimestamp, frame.timestamp);
                    micros = videoMicros(frames, frameRate, lastTimestamp - firstTimestamp);
                }
                rejectIfTooLong(micros);
            }
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new MediaRejectedException(Reason.UNDECODABLE,
                    "decoding failed after " + micros / 1000 + " ms: " + FfmpegLog.describe(e), e);
        }
        return new Measured(micros, frames);
    }

    /**
     * By the timestamps, which a variable-rate video (a screen recording, a phone's clip) needs: there the
     * rate FFmpeg states is a guess and counting frames at it gives nonsense. By counting frames if the
     * timestamps do not advance, or advance absurdly (more than 10 s a frame on average).
     */
    private static long videoMicros(long frames, double frameRate, long timestampSpan) {
        long counted = Math.round(frames * 1e6 / frameRate);
        if (frames < 2 || timestampSpan <= 0 || timestampSpan / (frames - 1) > 10_000_000) {
            return counted;
        }
        // The span runs from the first frame's start to the last frame's start: add one frame.
        return timestampSpan + Math.round(1e6 / frameRate);
    }

    /**
     * A file cut short can keep a header that states the full duration (an MP3's Xing frame, an MP4 with
     * its index first); it would be accepted, then end early on air. So its data must reach close to that
     * end. Looks for a packet there rather than a decoded frame: after a seek, video decodes only from the
     * next keyframe, which a long GOP may not have before the end. Where the seek itself fails (FFmpeg's MP3
     * demuxer refuses to seek past the end of a cut file), decodes from the start instead.
     *
     * @return the duration to report: the stated one, or the measured one if it had to be measured
     */
    private long verifyStatedEnd(FFmpegFrameGrabber grabber, MediaKind kind, long stated) throws MediaRejectedException {
        AVFormatContext format = grabber.getFormatContext();
        long start = format.start_time() == avutil.AV_NOPTS_VALUE ? 0 : format.start_time();
        long nearEnd = stated - Math.min(1_000_000, stated / 10);
        String truncated = "the file ends before its stated duration of " + stated / 1000 + " ms: it is probably truncated";
        try {
            // ANY: land on the packet at that time, not on a keyframe far before it.
            if (avformat.av_seek_frame(format, -1, start + nearEnd, avformat.AVSEEK_FLAG_ANY) >= 0) {
                if (grabber.grabPacket() == null) {
                    throw new MediaRejectedException(Reason.UNDECODABLE, truncated);
                }
                return stated;
            }
            grabber.restart();
        } catch (FrameGrabber.Exception e) {
            throw new MediaRejectedException(Reason.UNDECODABLE, "the file is damaged before its stated end of "
                    + stated / 1000 + " ms: " + e.getMessage(), e);
        }
        long measured = measure(grabber, kind, firstFrame(grabber, kind)).micros();
        if (measured < nearEnd) {
            throw new MediaRejectedException(Reason.UNDECODABLE, truncated + " (only " + measured / 1000 + " ms decodes)");
        }
        return measured;
    }
}
