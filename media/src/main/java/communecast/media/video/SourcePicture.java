package communecast.media.video;

import communecast.media.MediaInfo;
import communecast.media.MediaKind;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * The picture of a source as it must be seen: its stored size, pixel shape and orientation, and the FFmpeg
 * filters that scale it into a box without stretching it.
 */
final class SourcePicture {

    final int storedWidth;
    final int storedHeight;
    /** Width of a stored pixel over its height: 1 for nearly everything, 4:3 or 16:11 for old DV. */
    final double pixelAspect;
    final Orientation orientation;
    /** A PNG, GIF or WebP may be partly transparent: transparent parts are shown black, as the screen is. */
    final boolean hasAlpha;

    private SourcePicture(int storedWidth, int storedHeight, double pixelAspect, Orientation orientation, boolean hasAlpha) {
        this.storedWidth = storedWidth;
        this.storedHeight = storedHeight;
        this.pixelAspect = pixelAspect > 0 && Double.isFinite(pixelAspect) ? pixelAspect : 1;
        this.orientation = orientation;
        this.hasAlpha = hasAlpha;
    }

    /** Describes the picture of a started grabber. */
    static SourcePicture of(FFmpegFrameGrabber grabber, Path file, MediaInfo info) {
        AVStream stream = videoStream(grabber.getFormatContext());
        AVCodecParameters codecpar = stream == null ? null : stream.codecpar();
        Orientation orientation = codecpar == null ? Orientation.UPRIGHT : Orientation.fromDisplayMatrix(codecpar);
        if (orientation == Orientation.UPRIGHT && info.kind() == MediaKind.IMAGE) {
            orientation = Orientation.fromJpegExif(file);
        }
        boolean alpha = false;
        // Only still images are decoded with their alpha channel; video frames come out in 4:2:0 without it.
        if (info.kind() == MediaKind.IMAGE && codecpar != null && codecpar.format() >= 0) {
            AVPixFmtDescriptor descriptor = avutil.av_pix_fmt_desc_get(codecpar.format());
            alpha = descriptor != null && (descriptor.flags() & avutil.AV_PIX_FMT_FLAG_ALPHA) != 0;
        }
        return new SourcePicture(grabber.getImageWidth(), grabber.getImageHeight(), grabber.getAspectRatio(),
                orientation, alpha);
    }

    private static AVStream videoStream(AVFormatContext format) {
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            if (stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO
                    && (stream.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return stream;
            }
        }
        return null;
    }

    /** Width as seen: square pixels, upright. */
    double displayWidth() {
        return orientation.swapsSides() ? storedHeight : storedWidth * pixelAspect;
    }

    double displayHeight() {
        return orientation.swapsSides() ? storedWidth * pixelAspect : storedHeight;
    }

    /**
     * Filters that scale the picture to fit inside the screen keeping its shape, then pad it with black to
     * exactly the screen size, centred, in the 4:2:0 format H.264 takes. The fitted size is rounded to even
     * numbers, so it may be a pixel off the exact shape on each side.
     */
    String fitFilters(ScreenSize screen) {
        double scale = Math.min(screen.width() / displayWidth(), screen.height() / displayHeight());
        int width = even(displayWidth() * scale, screen.width());
        int height = even(displayHeight() * scale, screen.height());
        return scaleTo(width, height) + String.format(Locale.ROOT,
                ",setsar=1,pad=%d:%d:(ow-iw)/2:(oh-ih)/2:black,format=yuv420p", screen.width(), screen.height());
    }

    /** Filters that scale the picture, upright, to maxWidth wide (never wider than it is) in 24-bit BGR. */
    String posterFilters(int maxWidth) {
        int width = (int) Math.max(1, Math.min(maxWidth, Math.round(displayWidth())));
        int height = (int) Math.max(1, Math.round(displayHeight() * width / displayWidth()));
        return scaleTo(width, height) + ",setsar=1,format=bgr24";
    }

    /** The upright size is width × height; scaling comes before turning, so turning moves the fewest pixels. */
    private String scaleTo(int width, int height) {
        StringBuilder filters = new StringBuilder();
        if (hasAlpha) {
            // Multiplying colour by opacity is drawing over black.
            filters.append("format=gbrap,premultiply=inplace=1,");
        }
        boolean swap = orientation.swapsSides();
        filters.append(String.format(Locale.ROOT, "scale=%d:%d:flags=bicubic", swap ? height : width, swap ? width : height));
        if (!orientation.filters.isEmpty()) {
            filters.append(',').append(orientation.filters);
        }
        return filters.toString();
    }

    private static int even(double pixels, int max) {
        int rounded = 2 * (int) Math.round(pixels / 2);
        return Math.max(2, Math.min(max, rounded));
    }
}
