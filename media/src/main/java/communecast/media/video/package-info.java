/**
 * Renditions for LED screens: one MP4 per distinct screen size, and a PNG poster per video or image.
 *
 * <ul>
 *   <li>{@link communecast.media.video.VideoRenderer#render} turns a video or a still image into an MP4 of
 *       exactly {@link communecast.media.video.ScreenSize} pixels: fitted inside keeping its shape, centred,
 *       padded black (never stretched); 25 fps constant; H.264 (OpenH264, constrained baseline, yuv420p) with
 *       the index at the front; the source's sound as AAC 44.1 kHz stereo, images silent. Phone videos and
 *       photos stored on their side (display matrix, EXIF orientation) are turned upright; transparent parts
 *       of an image are black.</li>
 *   <li>{@link communecast.media.video.PosterFrame#render} writes the poster PNG: the image itself, or the
 *       first video frame that is not black at 10/30/50/70/90 % of the duration.</li>
 *   <li>{@link communecast.media.video.VideoRenditionSpec#forScreen} gives 25 fps, 15 s stills and a bitrate
 *       of {@code clamp(width × height × 25 × 0.1 / 1000, 250, 12000)} kbps.</li>
 * </ul>
 *
 * <p>For the server:
 * <ul>
 *   <li>Both validate with {@link communecast.media.MediaProbe} first and throw
 *       {@link communecast.media.MediaRejectedException} with a reason fit to show; output that cannot be
 *       written is an {@link java.io.UncheckedIOException}, which is no fault of the file.</li>
 *   <li>A rendition depends on the screen size, and for an image also on its still duration: key a cache of
 *       renditions by (media checksum, {@link communecast.media.video.ScreenSize#label()}, still duration for
 *       images).</li>
 *   <li>Files appear complete or not at all ("name.part" beside the target, then an atomic move).</li>
 *   <li>CPU-bound (a 3 s 1080p clip to 384×192 takes about 1 s on 2 cores; a 15 s still at 1920×1080 about
 *       4 s): run renders one at a time, off the request threads, reporting progress.</li>
 * </ul>
 */
package communecast.media.video;
