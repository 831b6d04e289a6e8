package communecast.agent.player;

import communecast.media.MediaDecoder.DecodedFrame;

import java.time.Duration;

/**
 * How long the sound going out has been silent, without a break: dead air on a loudspeaker (a relay whose
 * station went quiet, a file that is silence) is reported in the heartbeat rather than found by ear.
 */
final class SilenceMeter {
    /** Peaks below this (about −50 dBFS) are silence to a listener in the street. */
    private static final int SILENT_PEAK = 100;

    private long silentMicros;

    synchronized void heard(DecodedFrame frame) {
        if (!frame.isAudio()) {
            return;
        }
        int peak = 0;
        for (short sample : frame.samples()) {
            peak = Math.max(peak, Math.abs(sample));
        }
        silentMicros = peak < SILENT_PEAK ? silentMicros + frame.durationMicros() : 0;
    }

    synchronized void reset() {
        silentMicros = 0;
    }

    synchronized Duration silence() {
        return Duration.ofNanos(silentMicros * 1000);
    }

    /** The same outputs, each frame of sound measured on its way out. */
    OutputFactory watching(OutputFactory outputs) {
        return (order, decoder) -> {
            Output output = outputs.open(order, decoder);
            reset();
            return new Output() {
                @Override
                public Duration lead() {
                    return output.lead();
                }

                @Override
                public void write(DecodedFrame frame) throws OutputException {
                    heard(frame);
                    output.write(frame);
                }

                @Override
                public void finish() {
                    output.finish();
                }

                @Override
                public void close() {
                    reset();
                    output.close();
                }
            };
        };
    }
}
