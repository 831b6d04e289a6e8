package communecast.media.audio;

import static communecast.media.testing.AudioFixtures.sine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The independent meter against signals whose loudness the standards state. */
class Bs1770Test {

    /** BS.1770-4 Table 1 and Table 2: the K-weighting stages at 48 kHz. */
    @Test
    void kWeightingAt48kHzIsTheStandardsTable() {
        double[][] k = Bs1770.kWeighting(48_000);
        double[] shelf = {1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585};
        double[] highPass = {1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621};
        for (int i = 0; i < 5; i++) {
            assertEquals(shelf[i], k[0][i], 1e-8, "shelf coefficient " + i);
            assertEquals(highPass[i], k[1][i], 1e-8, "high-pass coefficient " + i);
        }
    }

    /**
     * BS.1770-4 §2.1: "a 0 dB FS 1 kHz sine wave applied to the left, centre or right channel" reads −3.01 LKFS.
     * The same sine on both channels of a stereo programme carries twice the power and reads 0.00.
     */
    @Test
    void aFullScale997HzSineOnOneChannelReadsMinus3Point01() {
        float[] full = sine(48_000, 5, 997, 0, 0);

        assertEquals(-3.01, Bs1770.measure(new float[][] {full, new float[full.length]}, 48_000).integratedLufs(), 0.02);
        assertEquals(-3.01, Bs1770.measure(new float[][] {full}, 48_000).integratedLufs(), 0.02);
        assertEquals(0.00, Bs1770.measure(new float[][] {full, full}, 48_000).integratedLufs(), 0.02);
    }

    @Test
    void aOneKilohertzSineAtMinus20DbfsMonoReadsMinus23() {
        for (int rate : new int[] {8_000, 44_100, 48_000}) {
            Bs1770.Result result = Bs1770.measure(new float[][] {sine(rate, 5, 1000, -20, 0)}, rate);

            assertEquals(-23.0, result.integratedLufs(), 0.1, rate + " Hz");
            assertEquals(-20.0, result.samplePeakDbfs(), 0.01, rate + " Hz");
        }
    }

    /** EBU Tech 3341 case 1: stereo 1 kHz sine at −23 dBFS per channel reads −23.0 ±0.1 LUFS. */
    @Test
    void ebuTech3341Case1() {
        float[] sine = sine(48_000, 20, 1000, -23, 0);

        assertEquals(-23.0, Bs1770.measure(new float[][] {sine, sine}, 48_000).integratedLufs(), 0.1);
    }

    /**
     * EBU Tech 3341 case 3: 10 s at −36, 60 s at −23, 10 s at −36 dBFS, stereo 1 kHz sine. The quiet parts fall
     * under the relative gate (−10 LU under the ungated mean), so the programme reads −23.0 ±0.1.
     */
    @Test
    void ebuTech3341Case3TheRelativeGateDropsTheQuietParts() {
        int rate = 48_000;
        float[] a = sine(rate, 10, 1000, -36, 0);
        float[] b = sine(rate, 60, 1000, -23, 0);
        float[] signal = new float[a.length * 2 + b.length];
        System.arraycopy(a, 0, signal, 0, a.length);
        System.arraycopy(b, 0, signal, a.length, b.length);
        System.arraycopy(a, 0, signal, a.length + b.length, a.length);

        assertEquals(-23.0, Bs1770.measure(new float[][] {signal, signal}, rate).integratedLufs(), 0.1);
    }

    /** Under the −70 LUFS absolute gate nothing counts: silence and a −80 dBFS sine have no loudness. */
    @Test
    void silenceHasNoLoudness() {
        float[] silence = new float[48_000 * 2];

        assertEquals(Double.NEGATIVE_INFINITY, Bs1770.measure(new float[][] {silence}, 48_000).integratedLufs());
        assertEquals(Double.NEGATIVE_INFINITY,
                Bs1770.measure(new float[][] {sine(48_000, 2, 1000, -80, 0)}, 48_000).integratedLufs());
    }

    /**
     * A sine at a quarter of the sample rate, sampled 45° off its crests: every sample is at −3.01 dBFS, the
     * waveform between them reaches 0 dBFS. Faded in and out, as a real signal starts and ends.
     */
    @Test
    void truePeakFindsThePeakBetweenSamples() {
        float[] sine = sine(48_000, 2, 12_000, 0, Math.PI / 4);
        int fade = 4800;
        for (int i = 0; i < fade; i++) {
            sine[i] *= (float) i / fade;
            sine[sine.length - 1 - i] *= (float) i / fade;
        }

        Bs1770.Result result = Bs1770.measure(new float[][] {sine}, 48_000);

        assertEquals(-3.01, result.samplePeakDbfs(), 0.01);
        assertEquals(0.0, result.truePeakDbtp(), 0.1);
        assertTrue(result.truePeakDbtp() >= result.samplePeakDbfs());
    }
}
