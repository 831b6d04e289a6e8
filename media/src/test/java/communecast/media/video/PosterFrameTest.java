package communecast.media.video;

import static communecast.media.video.Renditions.assertColour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import communecast.media.testing.TestMedia;
import communecast.media.testing.VideoFixtures;
import communecast.media.testing.VideoFixtures.Format;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PosterFrameTest {

    @TempDir
    Path dir;

    private BufferedImage poster(Path input, int maxWidth) throws Exception {
        Path png = dir.resolve("poster.png");
        PosterFrame.render(input, png, maxWidth);
        assertFalse(Files.exists(dir.resolve("poster.png.part")));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, "not a PNG");
        return image;
    }

    /** Not one flat colour: a poster that shows something. */
    private static void assertNotBlank(BufferedImage image) {
        int first = image.getRGB(0, 0);
        int differing = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if (Math.abs((image.getRGB(x, y) & 0xff) - (first & 0xff)) > 40) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 50, "the poster is nearly one colour");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"MP4_H264", "AVI", "WEBM_VP9"})
    void aVideosPosterIsAFrameAtTheRequestedWidth(Format format) throws Exception {
        Path video = VideoFixtures.video(dir.resolve("clip." + format.extension), format, Duration.ofSeconds(2), 320, 240);

        BufferedImage poster = poster(video, 160);

        assertEquals(160, poster.getWidth());
        assertEquals(120, poster.getHeight());
        assertNotBlank(poster);
        assertColour(VideoFixtures.BLOCK, poster, 80, 60, "centre");
        assertColour(VideoFixtures.FIELD, poster, 10, 60, "left");
    }

    /** Black for the first 40 %: 10 % and 30 % are black, so the poster comes from 50 %. */
    @Test
    void aFadeFromBlackIsSkipped() throws Exception {
        Path video = VideoFixtures.blackThenScene(dir.resolve("fade.mp4"), Duration.ofMillis(1600), Duration.ofSeconds(4), 320, 180);

        BufferedImage poster = poster(video, 320);

        assertNotBlank(poster);
        assertColour(VideoFixtures.BLOCK, poster, 160, 90, "centre");
    }

    @Test
    void anImagesPosterIsTheImageScaledDown() throws Exception {
        BufferedImage poster = poster(VideoFixtures.still(dir.resolve("big.jpg"), 1280, 720), 320);

        assertEquals(320, poster.getWidth());
        assertEquals(180, poster.getHeight());
        assertColour(VideoFixtures.BLOCK, poster, 160, 90, "centre");
        assertColour(VideoFixtures.FIELD, poster, 10, 170, "corner");
    }

    @Test
    void aSmallImageIsNotEnlarged() throws Exception {
        BufferedImage poster = poster(VideoFixtures.still(dir.resolve("small.png"), 120, 60), 320);

        assertEquals(120, poster.getWidth());
        assertEquals(60, poster.getHeight());
    }

    @Test
    void aPhonesPortraitPhotoStandsUpright() throws Exception {
        BufferedImage poster = poster(VideoFixtures.phonePortraitJpeg(dir.resolve("photo.jpg"), 320, 180), 320);

        assertEquals(180, poster.getWidth(), "upright it is 180 wide, and is not enlarged");
        assertEquals(320, poster.getHeight());
        assertColour(VideoFixtures.TOP_BAND, poster, 90, 20, "top");
        assertColour(VideoFixtures.FIELD, poster, 90, 300, "bottom");
    }

    @Test
    void aPhonesPortraitVideoStandsUpright() throws Exception {
        Path video = VideoFixtures.phonePortraitVideo(dir.resolve("phone.mp4"), Duration.ofSeconds(1), 320, 180);

        BufferedImage poster = poster(video, 90);

        assertEquals(90, poster.getWidth());
        assertEquals(160, poster.getHeight());
        assertColour(VideoFixtures.TOP_BAND, poster, 45, 10, "top");
    }

    @Test
    void transparentPartsAreBlack() throws Exception {
        BufferedImage poster = poster(VideoFixtures.transparentPng(dir.resolve("logo.png"), 200, 100), 200);

        assertTrue(Renditions.isBlack(poster.getRGB(5, 5)));
        assertColour(VideoFixtures.BLOCK, poster, 100, 50, "block");
    }

    @Test
    void anAudioFileHasNoPoster() {
        Path mp3 = TestMedia.tone(dir.resolve("tone.mp3"), Duration.ofSeconds(1), 440);

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> PosterFrame.render(mp3, dir.resolve("poster.png"), 320));

        assertEquals(Reason.NO_MEDIA_STREAM, e.reason());
        assertFalse(Files.exists(dir.resolve("poster.png")));
    }

    @Test
    void aDamagedVideoHasNoPoster() {
        Path video = VideoFixtures.video(dir.resolve("clip.mp4"), Format.MP4_H264, Duration.ofSeconds(2), 320, 240);

        MediaRejectedException e = assertThrows(MediaRejectedException.class,
                () -> PosterFrame.render(VideoFixtures.garbageBody(video, dir.resolve("bad.mp4")), dir.resolve("poster.png"), 320));

        assertEquals(Reason.UNDECODABLE, e.reason());
        assertFalse(Files.exists(dir.resolve("poster.png")));
    }

    @Test
    void theWidthMustBeSensible() {
        Path png = VideoFixtures.still(dir.resolve("small.png"), 120, 60);

        assertThrows(IllegalArgumentException.class, () -> PosterFrame.render(png, dir.resolve("p.png"), 0));
        assertThrows(IllegalArgumentException.class, () -> PosterFrame.render(png, dir.resolve("p.png"), 100_000));
    }
}
