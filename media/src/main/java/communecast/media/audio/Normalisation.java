package communecast.media.audio;

import communecast.media.MediaInfo;
import communecast.media.MediaRejectedException;
import communecast.media.ProgressListener;
import communecast.media.audio.Normaliser.Goal;
import communecast.media.audio.Normaliser.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameRecorder;

/**
 * What {@link Normaliser#normalise} found for one input: its loudness as uploaded, and the filter chain that brings
 * it to the target. A written file that missed the target gets a {@link #corrected} one for a second encoding.
 */
public final class Normalisation {

    /** A written file that misses the target loudness by more than this is encoded once more, corrected. */
    public static final double LOUDNESS_TOLERANCE_LU = 0.3;

    private final SoundTarget target;
    private final MediaInfo info;
    private final Loudness before;
    private final Loudness converted;
    private final Goal goal;
    private final Plan plan;
    /** {gain, loudness it gave before encoding} of every trial so far. */
    private final List<double[]> tried;

    Normalisation(SoundTarget target, MediaInfo info, Loudness before, Loudness converted, Goal goal, Plan plan,
                  List<double[]> tried) {
        this.target = target;
        this.info = info;
        this.before = before;
        this.converted = converted;
        this.goal = goal;
        this.plan = plan;
        this.tried = List.copyOf(tried);
    }

    /** The input's loudness as uploaded. */
    public Loudness before() {
        return before;
    }

    public SoundTarget target() {
        return target;
    }

    /** The FFmpeg filters, from the input's own channels and rate to the target's, as interleaved float. */
    public String chain() {
        return Normaliser.chain(target, plan);
    }

    Plan plan() {
        return plan;
    }

    /** Decodes the input again through the chain into the sink (the radio's MP3 encoder). */
    void run(Path input, ProgressListener progress, Normaliser.Sink sink)
            throws MediaRejectedException, FrameFilter.Exception, FrameRecorder.Exception {
        Normaliser.run(input, info, target, plan, progress, sink);
    }

    /**
     * The normalisation to encode again with if the written file missed the target, or null if it is good: the
     * gain corrected by the miss (what the encoder did beyond its calibrated gain shows as a miss of the goal
     * before encoding), and the limiter's ceiling lowered by a true peak over the limit.
     */
    public Normalisation corrected(Loudness written) {
        double beforeEncoding = written.integratedLufs() - goal.codecGainDb();
        List<double[]> all = new ArrayList<>(tried);
        all.add(new double[] {plan.gainDb(), beforeEncoding});
        double gain = Math.abs(target.targetLufs() - written.integratedLufs()) <= LOUDNESS_TOLERANCE_LU ? Double.NaN
                : Normaliser.nextGain(goal, converted, plan, beforeEncoding, all, 0);
        boolean peakOver = written.truePeakDbtp() > target.maxTruePeakDbtp();
        if (Double.isNaN(gain) && !peakOver) {
            return null;
        }
        Plan next = plan.withGain(Double.isNaN(gain) ? plan.gainDb() : gain, converted, goal);
        if (peakOver) {
            double ceiling = (next.limits() ? next.limiterCeilingDbtp() : goal.ceilingDbtp())
                    - (written.truePeakDbtp() - target.maxTruePeakDbtp()) - 0.2;
            next = new Plan(next.gainDb(), ceiling);
        }
        return new Normalisation(target, info, before, converted, goal, next, all);
    }
}
