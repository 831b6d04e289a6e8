package communecast.media.audio;

import java.util.Set;

/**
 * What the broadcast rendition of an audio upload must be: an MP3 (libmp3lame, constant bitrate) at this
 * loudness, peak ceiling, channel count and sample rate.
 *
 * @param targetLufs      integrated loudness to normalise to, −40 to −5 LUFS
 * @param maxTruePeakDbtp ceiling for the true peak of the encoded file, −20 to 0 dBTP
 * @param channels        1 (mono: stereo inputs are downmixed) or 2 (stereo: mono inputs play on both)
 * @param sampleRate      an MP3 sample rate: 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100 or 48000
 * @param bitrateKbps     an MP3 bitrate valid at that rate: 32–320 at 32 kHz and up, 8–160 below
 */
public record AudioRenditionSpec(double targetLufs, double maxTruePeakDbtp, int channels, int sampleRate, int bitrateKbps) {

    private static final Set<Integer> MPEG1_RATES = Set.of(32_000, 44_100, 48_000);
    private static final Set<Integer> MPEG2_RATES = Set.of(8_000, 11_025, 12_000, 16_000, 22_050, 24_000);
    private static final Set<Integer> MPEG1_BITRATES = Set.of(32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320);
    private static final Set<Integer> MPEG2_BITRATES = Set.of(8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160);

    public AudioRenditionSpec {
        SoundTarget.checkLevelAndChannels(targetLufs, maxTruePeakDbtp, channels);
        boolean mpeg1 = MPEG1_RATES.contains(sampleRate);
        if (!mpeg1 && !MPEG2_RATES.contains(sampleRate)) {
            throw new IllegalArgumentException("not an MP3 sample rate: " + sampleRate + " Hz");
        }
        if (!(mpeg1 ? MPEG1_BITRATES : MPEG2_BITRATES).contains(bitrateKbps)) {
            throw new IllegalArgumentException("not an MP3 bitrate at " + sampleRate + " Hz: " + bitrateKbps + " kbit/s");
        }
    }

    /** The same loudness, channels, rate and bitrate, in libmp3lame: what the normaliser works to. */
    public SoundTarget target() {
        return new SoundTarget(targetLufs, maxTruePeakDbtp, channels, sampleRate, bitrateKbps, SoundTarget.Codec.MP3);
    }

    /** −16 LUFS, at most −1.5 dBTP, mono, 44.1 kHz, 128 kbit/s: loud and clear on a commune loudspeaker. */
    public static AudioRenditionSpec broadcastDefault() {
        return new AudioRenditionSpec(-16, -1.5, 1, 44_100, 128);
    }
}
