package communecast.media.audio;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * What normalised sound must be once encoded: its loudness, its true-peak ceiling, its channels and rate, and the
 * encoder that writes it. The radio bulletins' MP3 ({@link AudioRenditionSpec#target()}) and the LED videos' AAC
 * ({@link #aac}) share the loudness, so a commune hears both at one level.
 *
 * @param codec the encoder: its own change of level is calibrated once per setting and made up in the gain
 */
public record SoundTarget(double targetLufs, double maxTruePeakDbtp, int channels, int sampleRate, int bitrateKbps,
                          Codec codec) {

    public enum Codec {
        MP3("mp3", "libmp3lame"),
        AAC("mp4", "aac");

        private final String container;
        private final String encoder;

        Codec(String container, String encoder) {
            this.container = container;
            this.encoder = encoder;
        }

        public String encoder() {
            return encoder;
        }
    }

    public SoundTarget {
        checkLevelAndChannels(targetLufs, maxTruePeakDbtp, channels);
        if (sampleRate < 8_000 || sampleRate > 192_000 || bitrateKbps < 8 || bitrateKbps > 512 || codec == null) {
            throw new IllegalArgumentException("not a sound encoding: " + codec + " at " + sampleRate + " Hz, "
                    + bitrateKbps + " kbit/s");
        }
    }

    static void checkLevelAndChannels(double targetLufs, double maxTruePeakDbtp, int channels) {
        if (!(targetLufs >= -40 && targetLufs <= -5)) {
            throw new IllegalArgumentException("targetLufs must be between -40 and -5 LUFS: " + targetLufs);
        }
        if (!(maxTruePeakDbtp >= -20 && maxTruePeakDbtp <= 0)) {
            throw new IllegalArgumentException("maxTruePeakDbtp must be between -20 and 0 dBTP: " + maxTruePeakDbtp);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 (mono) or 2 (stereo): " + channels);
        }
    }

    /** AAC at this loudness and ceiling, in the given channels, rate and bitrate: the sound of an MP4. */
    public static SoundTarget aac(double targetLufs, double maxTruePeakDbtp, int channels, int sampleRate, int bitrateKbps) {
        return new SoundTarget(targetLufs, maxTruePeakDbtp, channels, sampleRate, bitrateKbps, Codec.AAC);
    }

    /** A recorder of this sound alone, not yet started. */
    FFmpegFrameRecorder recorder(Path output) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), channels);
        recorder.setFormat(codec.container);
        recorder.setAudioCodecName(codec.encoder);
        recorder.setSampleRate(sampleRate);
        recorder.setAudioChannels(channels);
        recorder.setAudioBitrate(bitrateKbps * 1000);
        return recorder;
    }

    /** FFmpeg filters that bring any sound to this rate and channels, as interleaved 32-bit float, unchanged in level. */
    public String conversion() {
        return "aresample=" + sampleRate + "," + format();
    }

    String format() {
        return "aformat=sample_fmts=flt:sample_rates=" + sampleRate + ":channel_layouts=" + (channels == 1 ? "mono" : "stereo");
    }
}
