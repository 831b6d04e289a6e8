/**
 * Audio for the loudspeakers: loudness per EBU R128 / ITU-R BS.1770-4, the broadcast MP3 rendition and a waveform
 * picture for the UI.
 *
 * <ul>
 * <li>{@link communecast.media.audio.LoudnessMeter} measures any file the {@link communecast.media.MediaProbe}
 *     accepts, with FFmpeg's {@code ebur128} filter.</li>
 * <li>{@link communecast.media.audio.AudioRenderer} writes the rendition described by an
 *     {@link communecast.media.audio.AudioRenditionSpec} (default: −16 LUFS, ≤ −1.5 dBTP, mono, 44.1 kHz,
 *     128 kbit/s MP3) and reports the loudness before and after, the "after" measured on the written file.</li>
 * <li>{@link communecast.media.audio.Normaliser} finds the gain (and limiter) that bring any input to a
 *     {@link communecast.media.audio.SoundTarget}: the MP3 above and the sound of the LED videos share it.</li>
 * <li>{@link communecast.media.audio.Waveform} draws the min/max envelope as a PNG.</li>
 * </ul>
 *
 * <p>All three decode with FFmpeg's API directly (not JavaCV's grabber, which hides decoding errors), after the
 * probe has accepted the file, and reject damaged input with a {@link communecast.media.MediaRejectedException}:
 * the probe's reasons, plus truncation the probe lets through (WAV data chunk, ASF file size, Ogg end-of-stream
 * page), plus audio where more than 1 % of the packets fail to decode. Silence and audio needing more than 40 dB
 * of gain are {@code TOO_QUIET}. All calls are blocking and thread-safe; run them off the request threads. An
 * interrupted thread ends them with a {@link java.util.concurrent.CancellationException}.
 */
package communecast.media.audio;
