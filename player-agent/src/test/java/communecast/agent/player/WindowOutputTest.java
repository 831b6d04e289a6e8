package communecast.agent.player;

import communecast.agent.db.AgentDatabase;
import communecast.agent.db.OpenedDatabases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import communecast.agent.Json;
import communecast.agent.TestOrders;
import communecast.agent.orders.Order;
import communecast.agent.outbox.Outbox;
import communecast.agent.outbox.Report;
import communecast.media.MediaKind;
import communecast.media.testing.VideoFixtures;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LED window on a real X display (CI starts Xvfb; .ci/run). What it shows is read back from the
 * window's own picture, the one a screenshot command uploads.
 */
class WindowOutputTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemDefaultZone();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private DeviceOutputs outputs;

    @BeforeEach
    void needsADisplay() {
        assumeFalse(GraphicsEnvironment.isHeadless(), "no X display here (DISPLAY unset): .ci/run starts Xvfb for this test");
        outputs = new DeviceOutputs(new Screen.Settings(new Rectangle(0, 0, 320, 160), null), new Volume(dir.resolve("volume")));
    }

    @AfterEach
    void stop() {
        databases.close();
        if (outputs != null) {
            outputs.close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void aPictureIsFittedWithBlackBarsAndTheIdlePictureFollows() throws Exception {
        Screen screen = Screen.open(new Screen.Settings(new Rectangle(0, 0, 200, 100), null));
        try {
            BufferedImage red = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics g = red.getGraphics();
            g.setColor(Color.RED);
            g.fillRect(0, 0, 100, 100);
            g.dispose();
            screen.show(red);
            BufferedImage shot = png(screen.snapshot());
            assertEquals(200, shot.getWidth());
            assertEquals(Color.RED.getRGB(), shot.getRGB(100, 50), "fitted in the middle");
            assertEquals(Color.BLACK.getRGB(), shot.getRGB(10, 50), "bars at the sides, not stretched");
            screen.showIdle();
            assertEquals(Color.BLACK.getRGB(), png(screen.snapshot()).getRGB(100, 50));
        } finally {
            screen.close();
        }
    }

    @Test
    void aVideoPlaysOnTheWindowAndLeavesTheIdlePictureAfter() {
        Path video = VideoFixtures.blackThenScene(dir.resolve("clip.mp4"), Duration.ZERO, Duration.ofSeconds(2), 320, 160);
        Outbox outbox = new Outbox(database());
        Player player = new Player(clock, (order, deadline) -> video, outputs,
                new Reporting(database(), new PlayJournal(database(), clock), outbox, clock), scheduler,
                Player.Settings.standard(), id -> { });
        player.schedule(new Order(1, 5L, 7, TestOrders.SOME_SHA, "/agent/media/7", MediaKind.VIDEO, 2000,
                OffsetDateTime.now(clock).plusSeconds(2), "NORMAL"));

        await().atMost(Duration.ofSeconds(8)).until(() -> report(outbox, "1:PLAYING") != null);
        await().atMost(Duration.ofSeconds(2)).until(() -> brightness(png(outputs.snapshot().orElseThrow())) > 20);
        await().atMost(Duration.ofSeconds(8)).until(() -> report(outbox, "1:PLAYED") != null);
        assertTrue(brightness(png(outputs.snapshot().orElseThrow())) < 1, "black (idle) between items");
    }

    private static Report report(Outbox outbox, String reportId) {
        return outbox.pending().stream().filter(r -> r.reportId().equals(reportId)).findFirst().orElse(null);
    }

    private static double brightness(BufferedImage image) {
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y += 8) {
            for (int x = 0; x < image.getWidth(); x += 8) {
                Color c = new Color(image.getRGB(x, y));
                sum += c.getRed() + c.getGreen() + c.getBlue();
            }
        }
        return sum / 3.0 / ((image.getHeight() / 8 + 1) * (image.getWidth() / 8 + 1));
    }

    private static BufferedImage png(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final OpenedDatabases databases = new OpenedDatabases();
    private AgentDatabase openedDatabase;

    /** The agent's database in this test's data dir, opened once. */
    private AgentDatabase database() {
        if (openedDatabase == null) {
            openedDatabase = databases.open(dir);
        }
        return openedDatabase;
    }
}
