package communecast.media;

/** Told how far a long media job has come, from 0.0 to 1.0; called from the job's own thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = fraction -> { };

    void progress(double fraction);
}
