package communecast.media.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.media.testing.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ScreenSize}'s rule is the encoder's own: the sizes at its edges are rendered, and OpenH264 itself
 * refuses the sizes just beyond them. If a new FFmpeg build moves a limit, this says so.
 */
class EncoderLimitsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"16, 16", "4096, 2304", "7680, 1200", "7680, 64", "16, 7680"})
    void theEdgesOfTheRuleRender(int width, int height) throws Exception {
        Path picture = TestMedia.image(dir.resolve("poster.png"), 1200, 800);
        Path output = dir.resolve("out.mp4");
        VideoRenditionSpec spec = VideoRenditionSpec.forScreen(new ScreenSize(width, height)).withStillDuration(Duration.ofSeconds(1));

        new VideoRenderer().render(picture, output, spec, null);

        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(output.toFile())) {
            grabber.start();
            assertEquals(width, grabber.getImageWidth());
            assertEquals(height, grabber.getImageHeight());
        }
    }

    /** Just outside: too small (an error at the first frame), too many 16×16 blocks (refused on opening). */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"14, 16", "16, 14", "8, 8", "4096, 2320", "4098, 2302", "7680, 1232"})
    void theEncoderRefusesWhatTheRuleRefuses(int width, int height) {
        assertTrue(ScreenSize.problem(width, height).isPresent());
        assertThrows(FrameRecorder.Exception.class, () -> encodeOneFrame(dir.resolve("raw.mp4"), width, height));
    }

    private static void encodeOneFrame(Path file, int width, int height) throws FrameRecorder.Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             Frame black = new Frame(width, height, Frame.DEPTH_UBYTE, 3)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName(VideoRenderer.VIDEO_ENCODER);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setVideoBitrate(250_000);
            recorder.start();
            recorder.record(black, avutil.AV_PIX_FMT_BGR24);
            recorder.stop();
        }
    }
}
