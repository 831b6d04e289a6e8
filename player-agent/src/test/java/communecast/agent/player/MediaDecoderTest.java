package communecast.agent.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.media.MediaDecoder;
import communecast.media.MediaDecoder.DecodedFrame;
import communecast.media.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media module's decoder, as the player uses it (it lives in media/, its user is here). */
class MediaDecoderTest {

    @TempDir
    Path dir;

    @Test
    void decodesAToneToSixteenBitPcmWithTimestamps() throws IOException {
        Path mp3 = TestMedia.tone(dir.resolve("tone.mp3"), Duration.ofSeconds(1), 440);
        long samples = 0;
        long lastTimestamp = -1;
        long end = 0;
        try (MediaDecoder decoder = MediaDecoder.open(mp3)) {
            assertTrue(decoder.hasAudio());
            assertEquals(TestMedia.SAMPLE_RATE, decoder.sampleRate());
            assertEquals(1, decoder.channels());
            Optional<DecodedFrame> frame;
            while ((frame = decoder.next()).isPresent()) {
                assertTrue(frame.get().isAudio());
                assertTrue(frame.get().timestampMicros() >= lastTimestamp, "timestamps go forward");
                lastTimestamp = frame.get().timestampMicros();
                samples += frame.get().samples().length;
                end = frame.get().endMicros();
            }
        }
        assertTrue(Math.abs(samples - TestMedia.SAMPLE_RATE) < TestMedia.SAMPLE_RATE / 10, samples + " samples");
        assertTrue(Math.abs(end - 1_000_000) < 100_000, "ends at " + end + " µs");
    }

    @Test
    void videoFramesComeWithTheirTiming() throws IOException {
        Path mp4 = TestMedia.video(dir.resolve("clip.mp4"), Duration.ofMillis(400), 64, 48);
        int videoFrames = 0;
        try (MediaDecoder decoder = MediaDecoder.open(mp4)) {
            Optional<DecodedFrame> frame;
            while ((frame = decoder.next()).isPresent()) {
                if (!frame.get().isAudio()) {
                    videoFrames++;
                    assertEquals(1_000_000 / TestMedia.FRAME_RATE, frame.get().durationMicros());
                }
            }
        }
        assertEquals(10, videoFrames);
    }

    @Test
    void aFileThatIsNoMediaDoesNotOpen() {
        Path text = TestMedia.textDisguisedAs(dir.resolve("fake.mp3"));

        assertThrows(IOException.class, () -> MediaDecoder.open(text));
    }
}
