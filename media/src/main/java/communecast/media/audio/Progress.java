package communecast.media.audio;

import communecast.media.ProgressListener;

/**
 * Spreads one job's progress over its passes: each pass reports 0..1 of its own share. What the listener sees
 * never goes backwards and changes in steps of at least half a percent, not once per decoded frame.
 */
final class Progress {

    private static final double STEP = 0.005;

    private final ProgressListener listener;
    private double reported;

    Progress(ProgressListener listener) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** A listener for the pass that covers [from, to] of the whole job. */
    ProgressListener pass(double from, double to) {
        return fraction -> report(from + (to - from) * Math.max(0, Math.min(1, fraction)));
    }

    void done() {
        report(1);
    }

    private void report(double fraction) {
        if (fraction >= reported + STEP || (fraction >= 1 && reported < 1)) {
            reported = fraction;
            listener.progress(fraction);
        }
    }
}
