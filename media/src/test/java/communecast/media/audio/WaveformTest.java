package communecast.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.media.MediaRejectedException;
import communecast.media.testing.AudioFixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaveformTest {

    @TempDir
    Path dir;

    @Test
    void aToneFillsTheHeightItsAmplitudeSpans() throws Exception {
        // A sine at -6 dBFS swings over half of full scale: its bars cover about half of the picture.
        Path wav = AudioFixtures.tone(dir.resolve("tone.wav"), AudioFixtures.WAV_22K_STEREO_16, 3, 440, -6);
        Path png = dir.resolve("tone.png");

        Waveform.render(wav, png, 600, 120);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(600, image.getWidth());
        assertEquals(120, image.getHeight());
        double painted = painted(image) / (600.0 * 120);
        assertEquals(0.5, painted, 0.05, "share of painted pixels");
        for (int x = 0; x < 600; x++) {
            assertTrue(isPainted(image, x, 60) && isPainted(image, x, 35) && !isPainted(image, x, 5), "column " + x);
        }
        assertFalse(Files.exists(dir.resolve("tone.png.part")));
    }

    @Test
    void moreColumnsThanSamplesStillFillsEveryColumn() throws Exception {
        Path wav = AudioFixtures.tone(dir.resolve("blip.wav"), AudioFixtures.WAV_8K_MONO_16, 0.05, 440, -6);
        Path png = dir.resolve("blip.png");

        Waveform.render(wav, png, 2000, 50);

        BufferedImage image = ImageIO.read(png.toFile());
        for (int x = 0; x < 2000; x++) {
            assertTrue(isPainted(image, x, 25), "column " + x);
        }
    }

    @Test
    void silenceIsACentreLine() throws Exception {
        Path png = dir.resolve("silence.png");

        Waveform.render(AudioFixtures.silence(dir.resolve("silence.wav"), 1), png, 200, 100);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(200 * 2, painted(image), "two centre rows of an even height");
    }

    @Test
    void garbageIsRejectedAndNoPictureWritten() {
        Path png = dir.resolve("garbage.png");

        assertThrows(MediaRejectedException.class,
                () -> Waveform.render(AudioFixtures.garbage(dir.resolve("garbage.wav"), 5000, 2), png, 100, 50));
        assertFalse(Files.exists(png));
    }

    @Test
    void anAbsurdSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Waveform.render(dir.resolve("x.wav"), dir.resolve("x.png"), 0, 50));
    }

    private static int painted(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += isPainted(image, x, y) ? 1 : 0;
            }
        }
        return n;
    }

    private static boolean isPainted(BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) >>> 24) != 0;
    }
}
