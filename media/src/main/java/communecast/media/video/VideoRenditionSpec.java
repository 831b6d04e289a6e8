package communecast.media.video;

import communecast.media.audio.AudioRenditionSpec;
import communecast.media.audio.SoundTarget;
import java.time.Duration;
import java.util.Objects;

/**
 * How to render media for one screen size.
 *
 * @param screen         the exact size of every frame of the rendition
 * @param frameRate      constant output frame rate, 1..60
 * @param bitrateKbps    target H.264 video bitrate (OpenH264 rate control); audio comes on top
 * @param stillDuration  how long a still image is shown; ignored for video, which keeps its own duration
 * @param soundLufs      the loudness a video's sound is normalised to: the radio bulletins', so a commune hears
 *                       its screens and its loudspeakers at one level
 * @param soundPeakDbtp  the ceiling for the true peak of the encoded sound
 */
public record VideoRenditionSpec(ScreenSize screen, int frameRate, int bitrateKbps, Duration stillDuration,
                                 double soundLufs, double soundPeakDbtp) {

    public static final int DEFAULT_FRAME_RATE = 25;
    public static final Duration DEFAULT_STILL_DURATION = Duration.ofSeconds(15);
    /** Bits per pixel per frame that {@link #bitrateFor} aims at: plain good quality for H.264. */
    public static final double BITS_PER_PIXEL = 0.1;
    /** Small screens still get enough bits for sharp text: 0.1 bpp alone would give a 192×96 screen 46 kbps. */
    public static final int MIN_BITRATE_KBPS = 250;
    /** More buys nothing visible on an LED wall and costs download time: 4K at 25 fps is capped here. */
    public static final int MAX_BITRATE_KBPS = 12_000;
    public static final Duration MAX_STILL_DURATION = Duration.ofHours(4);

    public VideoRenditionSpec {
        Objects.requireNonNull(screen, "screen");
        Objects.requireNonNull(stillDuration, "stillDuration");
        if (frameRate < 1 || frameRate > 60) {
            throw new IllegalArgumentException("frame rate must be 1..60 fps, not " + frameRate);
        }
        if (bitrateKbps < 32 || bitrateKbps > 100_000) {
            throw new IllegalArgumentException("bitrate must be 32..100000 kbps, not " + bitrateKbps);
        }
        if (stillDuration.compareTo(Duration.ofMillis(1000 / frameRate)) < 0
                || stillDuration.compareTo(MAX_STILL_DURATION) > 0) {
            throw new IllegalArgumentException("a still must be shown for one frame to 4 hours, not " + stillDuration);
        }
        sound(soundLufs, soundPeakDbtp);
    }

    /** Without the sound's loudness: the broadcast default's (−16 LUFS, −1.5 dBTP). */
    public VideoRenditionSpec(ScreenSize screen, int frameRate, int bitrateKbps, Duration stillDuration) {
        this(screen, frameRate, bitrateKbps, stillDuration, AudioRenditionSpec.broadcastDefault().targetLufs(),
                AudioRenditionSpec.broadcastDefault().maxTruePeakDbtp());
    }

    /** 25 fps, {@link #bitrateFor the size's bitrate}, stills shown 15 s. */
    public static VideoRenditionSpec forScreen(ScreenSize screen) {
        return new VideoRenditionSpec(screen, DEFAULT_FRAME_RATE, bitrateFor(screen, DEFAULT_FRAME_RATE),
                DEFAULT_STILL_DURATION);
    }

    /**
     * {@code clamp(width × height × frameRate × 0.1 / 1000, 250, 12000)} kbps: 0.1 bit per pixel per frame.
     * At 25 fps: 384×192 → 250 (184 before the floor), 1280×720 → 2304, 1920×1080 → 5184, 3840×2160 → 12000.
     */
    public static int bitrateFor(ScreenSize screen, int frameRate) {
        long kbps = Math.round(screen.pixels() * frameRate * BITS_PER_PIXEL / 1000);
        return (int) Math.max(MIN_BITRATE_KBPS, Math.min(MAX_BITRATE_KBPS, kbps));
    }

    /** The same spec with the still duration the staff chose for an image. */
    public VideoRenditionSpec withStillDuration(Duration duration) {
        return new VideoRenditionSpec(screen, frameRate, bitrateKbps, duration, soundLufs, soundPeakDbtp);
    }

    /** The same spec with the sound normalised to the loudness and ceiling of the radio's rendition. */
    public VideoRenditionSpec withSoundOf(AudioRenditionSpec radio) {
        return new VideoRenditionSpec(screen, frameRate, bitrateKbps, stillDuration, radio.targetLufs(),
                radio.maxTruePeakDbtp());
    }

    /** What the sound is encoded to: AAC, 44.1 kHz stereo, 128 kbit/s, at {@link #soundLufs}. */
    public SoundTarget sound() {
        return sound(soundLufs, soundPeakDbtp);
    }

    private static SoundTarget sound(double lufs, double peakDbtp) {
        return SoundTarget.aac(lufs, peakDbtp, VideoRenderer.AUDIO_CHANNELS, VideoRenderer.AUDIO_SAMPLE_RATE,
                VideoRenderer.AUDIO_BITRATE / 1000);
    }

    /** Frames a still image gets: its duration at this rate, rounded, at least one. */
    public long stillFrames() {
        return Math.max(1, Math.round(stillDuration.toMillis() * frameRate / 1000.0));
    }
}
