package communecast.media.audio;

import java.util.Locale;

/**
 * Loudness of a programme per EBU R128 / ITU-R BS.1770-4.
 *
 * @param integratedLufs   gated integrated loudness; {@link Double#NEGATIVE_INFINITY} when no 400 ms block is
 *                         louder than the −70 LUFS absolute gate (silence)
 * @param truePeakDbtp     largest absolute value of the 4×-or-more oversampled signal, in dB relative to full
 *                         scale; {@link Double#NEGATIVE_INFINITY} for digital silence
 * @param loudnessRangeLu  EBU Tech 3342 loudness range (spread of the 3 s short-term loudness); 0 when too short
 */
public record Loudness(double integratedLufs, double truePeakDbtp, double loudnessRangeLu) {

    /** Nothing rose above R128's absolute gate: there is no loudness to normalise. */
    public boolean isSilent() {
        return integratedLufs == Double.NEGATIVE_INFINITY;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f LUFS, %.2f dBTP, LRA %.1f LU", integratedLufs, truePeakDbtp, loudnessRangeLu);
    }
}
