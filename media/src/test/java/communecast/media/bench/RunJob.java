package communecast.media.bench;

import communecast.media.ProgressListener;
import communecast.media.audio.AudioRenderer;
import communecast.media.audio.AudioRendition;
import communecast.media.audio.AudioRenditionSpec;
import communecast.media.video.ScreenSize;
import communecast.media.video.VideoRenderer;
import communecast.media.video.VideoRendition;
import communecast.media.video.VideoRenditionSpec;
import java.nio.file.Path;
import java.time.Instant;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * One job of our pipeline, alone in its own JVM so that the wall time and peak memory PipelineBench measures
 * are its own and nothing else's. Started by {@link PipelineBench}:
 * {@code java --enable-native-access=ALL-UNNAMED -cp <test classpath> communecast.media.bench.RunJob audio|video in out}.
 *
 * <p>Prints one line, {@code startup_ms=<n> render_ms=<n> <rendition>}: the time from the process's start until
 * FFmpeg's native libraries are loaded, and the time spent in {@code render()} itself.
 */
public final class RunJob {

    /** The LED screen the video job renders for: a wall of 12×6 modules of 32×32 px. */
    static final ScreenSize SCREEN = new ScreenSize(384, 192);

    private RunJob() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("audio") || args[0].equals("video"))) {
            System.err.println("usage: RunJob audio|video <input> <output>");
            System.exit(2);
        }
        Path input = Path.of(args[1]);
        Path output = Path.of(args[2]);
        // JVM start, class loading and FFmpeg's native libraries, apart from the work itself.
        FFmpegFrameGrabber.tryLoad();
        FFmpegFrameFilter.tryLoad();
        FFmpegFrameRecorder.tryLoad();
        long startupMs = System.currentTimeMillis() - ProcessHandle.current().info().startInstant()
                .map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        long start = System.nanoTime();
        Object rendition;
        if (args[0].equals("audio")) {
            AudioRendition audio = new AudioRenderer()
                    .render(input, output, AudioRenditionSpec.broadcastDefault(), ProgressListener.NONE);
            rendition = audio;
        } else {
            VideoRendition video = new VideoRenderer()
                    .render(input, output, VideoRenditionSpec.forScreen(SCREEN), ProgressListener.NONE);
            rendition = video;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("startup_ms=" + startupMs + " render_ms=" + ms + " " + rendition);
    }
}
