package communecast.media.video;

import communecast.media.FfmpegLog;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;

/** An FFmpeg filter chain for single pictures, rebuilt if the source changes size mid-stream. */
final class PictureFilter implements AutoCloseable {
    private final String filters;
    private final int pixelFormat;
    private FFmpegFrameFilter filter;
    /** The input size the filter was built for (the filter itself reports its output size). */
    private int width;
    private int height;

    PictureFilter(String filters, int pixelFormat) {
        this.filters = filters;
        this.pixelFormat = pixelFormat;
    }

    /** The filtered picture, a copy the caller must close. */
    Frame apply(Frame source) {
        try {
            if (filter == null || width != source.imageWidth || height != source.imageHeight) {
                Sources.close(filter);
                width = source.imageWidth;
                height = source.imageHeight;
                filter = new FFmpegFrameFilter(filters, width, height);
                filter.setPixelFormat(pixelFormat);
                filter.start();
            }
            filter.push(source, pixelFormat);
            Frame fitted = filter.pull();
            if (fitted == null || fitted.image == null) {
                throw new IllegalStateException("the filter chain gave no picture: " + filters);
            }
            return fitted.clone();
        } catch (FFmpegFrameFilter.Exception e) {
            throw new IllegalStateException("FFmpeg filter chain '" + filters + "' failed: " + FfmpegLog.describe(e), e);
        }
    }

    @Override
    public void close() {
        Sources.close(filter);
    }
}
