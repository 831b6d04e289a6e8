package communecast.agent.player;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * The LED panel: an undecorated window over the panel's area of the controller's desktop, open for the
 * agent's whole life so one item follows another without a flash of desktop. Between items it shows the
 * idle picture (or black).
 */
public final class Screen implements AutoCloseable {

    /** {@code bounds} null: the whole primary display. {@code idlePicture} null: black. */
    public record Settings(Rectangle bounds, Path idlePicture) {
    }

    private final Object lock = new Object();
    private final BufferedImage shown;
    private final BufferedImage idle;
    private final JFrame window;
    private final JComponent canvas;

    private Screen(Rectangle bounds, BufferedImage idle) throws InterruptedException, InvocationTargetException {
        this.shown = new BufferedImage(bounds.width, bounds.height, BufferedImage.TYPE_INT_RGB);
        this.idle = idle;
        this.canvas = new JComponent() {
            @Override
            protected void paintComponent(Graphics g) {
                synchronized (lock) {
                    g.drawImage(shown, 0, 0, null);
                }
            }
        };
        this.window = new JFrame("CommuneCast");
        SwingUtilities.invokeAndWait(() -> {
            window.setUndecorated(true);
            window.setAlwaysOnTop(true);
            window.setBounds(bounds);
            window.setContentPane(canvas);
            window.setVisible(true);
        });
        showIdle();
    }

    public static Screen open(Settings settings) throws OutputException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new OutputException("no display for the LED window (a headless host: use --output null)");
        }
        Rectangle bounds = settings.bounds() != null ? settings.bounds()
                : GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration().getBounds();
        try {
            return new Screen(bounds, settings.idlePicture() == null ? null : ImageIO.read(settings.idlePicture().toFile()));
        } catch (IOException e) {
            throw new OutputException("the idle picture cannot be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputException("interrupted while opening the LED window", e);
        } catch (InvocationTargetException | RuntimeException e) {
            throw new OutputException("the LED window cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Draws the picture fitted to the panel (black bars, never stretched) and puts it on screen. */
    public void show(BufferedImage picture) {
        synchronized (lock) {
            Graphics2D g = shown.createGraphics();
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, shown.getWidth(), shown.getHeight());
            if (picture != null) {
                double scale = Math.min((double) shown.getWidth() / picture.getWidth(), (double) shown.getHeight() / picture.getHeight());
                int w = (int) Math.round(picture.getWidth() * scale);
                int h = (int) Math.round(picture.getHeight() * scale);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(picture, (shown.getWidth() - w) / 2, (shown.getHeight() - h) / 2, w, h, null);
            }
            g.dispose();
        }
        canvas.repaint();
    }

    public void showIdle() {
        show(idle);
    }

    /** What the panel shows now, as PNG. */
    public byte[] snapshot() {
        BufferedImage copy;
        synchronized (lock) {
            copy = new BufferedImage(shown.getWidth(), shown.getHeight(), BufferedImage.TYPE_INT_RGB);
            copy.getGraphics().drawImage(shown, 0, 0, null);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(copy, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    @Override
    public void close() {
        SwingUtilities.invokeLater(window::dispose);
    }
}
