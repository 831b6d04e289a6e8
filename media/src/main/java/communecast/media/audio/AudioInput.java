package communecast.media.audio;

import communecast.media.FfmpegLog;
import communecast.media.MediaInfo;
import communecast.media.MediaKind;
import communecast.media.MediaProbe;
import communecast.media.MediaRejectedException;
import communecast.media.MediaRejectedException.Reason;
import communecast.media.ProgressListener;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The audio of a file that {@link MediaProbe} accepted, decoded to interleaved 32-bit float at the stream's
 * opening rate and channel count (held for the whole file, whatever the stream does midway).
 *
 * <p>Decodes with FFmpeg's API directly rather than through JavaCV's grabber, which ignores decoding errors: here
 * every audio packet that fails to decode is counted, and a file where more than {@value #FAILURES_TOLERATED}
 * packets and more than 1 % of them fail is rejected as damaged, with the first error. One or two bad packets
 * (a click on air) are let through, as players do. Rejections otherwise use the probe's reasons, so a truncated or
 * disguised file is refused here in the same words as at upload; {@link ContainerEnd} adds what the probe does
 * not check.
 */
final class AudioInput implements AutoCloseable {

    private static final int FAILURES_TOLERATED = 2;
    private static final double FAILED_FRACTION_TOLERATED = 0.01;
    /** Decoding must reach this share of a duration the stream states (when it is more than a bitrate guess). */
    private static final double MIN_DECODED_FRACTION = 0.9;
    private static final long ASF_SLACK_MICROS = 3_000_000;

    private final Path file;
    private final MediaInfo info;
    private final ProgressListener progress;
    private final AVFormatContext format;
    private final AVCodecContext decoder;
    private final int stream;
    private final int sampleRate;
    private final int channels;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final AVFrame frame = avutil.av_frame_alloc();
    private final AVChannelLayout outLayout = new AVChannelLayout();
    private final AVChannelLayout swrInLayout = new AVChannelLayout();
    private final PointerPointer<FloatPointer> outPlanes = new PointerPointer<>(1);
    private SwrContext swr;
    private int swrInRate;
    private int swrInFormat = -1;
    private FloatPointer out;
    private int outCapacity;
    private long frames;
    private long packets;
    private long failures;
    private String firstFailure;
    private boolean draining;
    private boolean flushed;

    private AudioInput(Path file, MediaInfo info, ProgressListener progress, AVFormatContext format,
                       AVCodecContext decoder, int stream) {
        this.file = file;
        this.info = info;
        this.progress = progress;
        this.format = format;
        this.decoder = decoder;
        this.stream = stream;
        this.sampleRate = decoder.sample_rate() > 0 ? decoder.sample_rate() : info.sampleRate();
        this.channels = decoder.ch_layout().nb_channels() > 0 ? decoder.ch_layout().nb_channels() : info.channels();
        avutil.av_channel_layout_default(outLayout, channels);
    }

    /** Probes the file, checks its container's end, then opens its audio. Progress: decoded time over duration. */
    static AudioInput open(Path file, MediaProbe probe, ProgressListener progress) throws MediaRejectedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("interrupted before opening " + file.getFileName());
        }
        MediaInfo info = probe.probe(file);
        if (info.kind() == MediaKind.IMAGE || info.audioCodec() == null || info.channels() < 1) {
            throw new MediaRejectedException(Reason.NO_MEDIA_STREAM,
                    "no audio stream to broadcast in this " + info.kind().name().toLowerCase(Locale.ROOT) + " file");
        }
        ContainerEnd.check(file, info);
        return open(file, info, progress);
    }

    /** Opens a file probed before, for another pass over it. */
    static AudioInput open(Path file, MediaInfo info, ProgressListener progress) throws MediaRejectedException {
        FfmpegLog.quiet();
        // The demuxer the probe chose from the content, not the one the file name suggests.
        AVInputFormat demuxer = avformat.av_find_input_format(info.container().split(",")[0]);
        AVFormatContext format = new AVFormatContext(null);
        int result = avformat.avformat_open_input(format, file.toAbsolutePath().toString(), demuxer, null);
        if (result < 0) {
            throw new MediaRejectedException(Reason.UNREADABLE, "FFmpeg cannot open the file: " + FfmpegLog.describe(result));
        }
        AVCodecContext decoder = null;
        try {
            result = avformat.avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (result < 0) {
                throw new MediaRejectedException(Reason.UNREADABLE, "FFmpeg cannot read the streams: " + FfmpegLog.describe(result));
            }
            int stream = avformat.av_find_best_stream(format, avutil.AVMEDIA_TYPE_AUDIO, -1, -1, (PointerPointer<?>) null, 0);
            if (stream < 0) {
                throw new MediaRejectedException(Reason.NO_MEDIA_STREAM, "no audio stream in the file");
            }
            AVStream audio = format.streams(stream);
            AVCodec codec = avcodec.avcodec_find_decoder(audio.codecpar().codec_id());
            if (codec == null || codec.isNull()) {
                throw new MediaRejectedException(Reason.UNDECODABLE, "this FFmpeg build has no decoder for "
                        + avcodec.avcodec_get_name(audio.codecpar().codec_id()).getString() + " audio");
            }
            decoder = avcodec.avcodec_alloc_context3(codec);
            avcodec.avcodec_parameters_to_context(decoder, audio.codecpar());
            decoder.pkt_timebase(audio.time_base());
            result = avcodec.avcodec_open2(decoder, codec, (PointerPointer<?>) null);
            if (result < 0) {
                throw new MediaRejectedException(Reason.UNDECODABLE, "FFmpeg cannot start its "
                        + codec.name().getString() + " decoder: " + FfmpegLog.describe(result));
            }
            return new AudioInput(file, info, progress, format, decoder, stream);
        } catch (MediaRejectedException | RuntimeException e) {
            if (decoder != null) {
                avcodec.avcodec_free_context(decoder);
            }
            avformat.avformat_close_input(format);
            throw e;
        }
    }

    MediaInfo info() {
        return info;
    }

    int sampleRate() {
        return sampleRate;
    }

    int channels() {
        return channels;
    }

    long decodedMicros() {
        return frames * 1_000_000 / sampleRate;
    }

    /**
     * The next decoded samples, interleaved, from position 0 to the limit; the buffer is reused by the next call.
     * Null at the end, once the whole file is known to have decoded well enough.
     *
     * @throws CancellationException if the thread was interrupted
     */
    FloatBuffer next() throws MediaRejectedException {
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted while decoding " + file.getFileName());
            }
            int received = avcodec.avcodec_receive_frame(decoder, frame);
            if (received >= 0) {
                FloatBuffer samples = convert();
                if (samples != null) {
                    return samples;
                }
            } else if (received == avutil.AVERROR_EOF()) {
                FloatBuffer rest = flush();
                if (rest != null) {
                    return rest;
                }
                checkComplete();
                progress.progress(1);
                return null;
            } else if (received != avutil.AVERROR_EAGAIN()) {
                failed(received);
                if (draining) {
                    // A decoder that fails while draining has nothing more to give.
                    avcodec.avcodec_flush_buffers(decoder);
                    checkComplete();
                    return null;
                }
                readPacket();
            } else {
                readPacket();
            }
        }
    }

    /** Feeds the decoder the next packet of our stream, or the end of the input. */
    private void readPacket() throws MediaRejectedException {
        if (draining) {
            return;
        }
        while (true) {
            int read = avformat.av_read_frame(format, packet);
            if (read == avutil.AVERROR_EOF()) {
                draining = true;
                avcodec.avcodec_send_packet(decoder, null);
                return;
            }
            if (read < 0) {
                throw new MediaRejectedException(Reason.UNDECODABLE, String.format(Locale.ROOT,
                        "the file cannot be read past %.2f s: %s", frames / (double) sampleRate, FfmpegLog.describe(read)));
            }
            try {
                if (packet.stream_index() != stream) {
                    continue;
                }
                packets++;
                int sent = avcodec.avcodec_send_packet(decoder, packet);
                if (sent < 0 && sent != avutil.AVERROR_EAGAIN()) {
                    failed(sent);
                    continue;
                }
                return;
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
    }

    private void failed(int error) {
        failures++;
        if (firstFailure == null) {
            firstFailure = String.format(Locale.ROOT, "at %.2f s: %s", frames / (double) sampleRate, FfmpegLog.describe(error));
        }
    }

    /** The decoded frame as interleaved float at the opening rate and channels. */
    private FloatBuffer convert() throws MediaRejectedException {
        int inFormat = frame.format();
        int inRate = frame.sample_rate() > 0 ? frame.sample_rate() : sampleRate;
        if (swr == null || inFormat != swrInFormat || inRate != swrInRate
                || avutil.av_channel_layout_compare(frame.ch_layout(), swrInLayout) != 0) {
            openResampler(inFormat, inRate);
        }
        int room = swresample.swr_get_out_samples(swr, frame.nb_samples());
        ensureCapacity(room);
        int converted = swresample.swr_convert(swr, outPlanes, room, frame.extended_data(), frame.nb_samples());
        avutil.av_frame_unref(frame);
        return deliver(converted);
    }

    /** What a resampler still holds once the decoder is done (only when the rate changed midway). */
    private FloatBuffer flush() throws MediaRejectedException {
        if (flushed || swr == null) {
            return null;
        }
        flushed = true;
        int room = swresample.swr_get_out_samples(swr, 0);
        if (room <= 0) {
            return null;
        }
        ensureCapacity(room);
        return deliver(swresample.swr_convert(swr, outPlanes, room, (PointerPointer<?>) null, 0));
    }

    private FloatBuffer deliver(int converted) throws MediaRejectedException {
        if (converted < 0) {
            throw new MediaRejectedException(Reason.UNDECODABLE, "FFmpeg cannot convert the decoded audio: "
                    + FfmpegLog.describe(converted));
        }
        if (converted == 0) {
            return null;
        }
        frames += converted;
        if (info.durationMs() > 0) {
            progress.progress(Math.min(1, frames * 1000.0 / sampleRate / info.durationMs()));
        }
        FloatBuffer buffer = out.position(0).limit((long) converted * channels).asBuffer();
        out.limit(out.capacity());
        return buffer;
    }

    private void openResampler(int inFormat, int inRate) throws MediaRejectedException {
        if (swr != null) {
            swresample.swr_free(swr);
        }
        AVChannelLayout inLayout = frame.ch_layout();
        if (inLayout.nb_channels() <= 0) {
            throw new MediaRejectedException(Reason.UNDECODABLE, "the decoder reports audio without channels");
        }
        swr = new SwrContext(null);
        int result = swresample.swr_alloc_set_opts2(swr, outLayout, avutil.AV_SAMPLE_FMT_FLT, sampleRate,
                inLayout, inFormat, inRate, 0, null);
        if (result >= 0) {
            result = swresample.swr_init(swr);
        }
        if (result < 0) {
            throw new MediaRejectedException(Reason.UNDECODABLE, "FFmpeg cannot convert " + inLayout.nb_channels()
                    + "-channel audio at " + inRate + " Hz: " + FfmpegLog.describe(result));
        }
        avutil.av_channel_layout_uninit(swrInLayout);
        avutil.av_channel_layout_copy(swrInLayout, inLayout);
        swrInFormat = inFormat;
        swrInRate = inRate;
    }

    private void ensureCapacity(int framesNeeded) {
        if (framesNeeded > outCapacity) {
            if (out != null) {
                out.close();
            }
            outCapacity = Math.max(framesNeeded, 4096);
            out = new FloatPointer((long) outCapacity * channels);
            outPlanes.put(0, out);
        }
    }

    private void checkComplete() throws MediaRejectedException {
        if (failures > FAILURES_TOLERATED && failures > packets * FAILED_FRACTION_TOLERATED) {
            throw new MediaRejectedException(Reason.UNDECODABLE, failures + " of " + packets
                    + " audio packets fail to decode (the first " + firstFailure + "): the file is damaged");
        }
        if (frames == 0) {
            throw new MediaRejectedException(Reason.UNDECODABLE, "no audio decodes from this file"
                    + (firstFailure == null ? "" : " (" + firstFailure + ")"));
        }
        long stated = statedMicros();
        if (stated > 0 && decodedMicros() < stated * MIN_DECODED_FRACTION) {
            throw new MediaRejectedException(Reason.UNDECODABLE, "only " + decodedMicros() / 1000 + " ms of the stated "
                    + stated / 1000 + " ms decode: the audio data is damaged or cut short");
        }
    }

    /**
     * The audio stream's own stated duration, or 0 where it cannot be held against the decoded one (FFmpeg only
     * guessed it from the bitrate). For ASF it is taken {@value #ASF_SLACK_MICROS} µs short: FFmpeg's own ASF
     * muxer states about 2 s more than the file holds, and such WMA files must not be refused.
     */
    private long statedMicros() {
        AVStream audio = format.streams(stream);
        if (audio.duration() <= 0 || audio.duration() == avutil.AV_NOPTS_VALUE
                || format.duration_estimation_method() == avformat.AVFMT_DURATION_FROM_BITRATE) {
            return 0;
        }
        long micros = audio.duration() * 1_000_000L * audio.time_base().num() / audio.time_base().den();
        return info.container().startsWith("asf") ? Math.max(0, micros - ASF_SLACK_MICROS) : micros;
    }

    /** FFmpeg refused to filter the decoded audio: an odd channel layout or rate, as far as inputs go. */
    static MediaRejectedException filterFailed(Exception e) {
        return new MediaRejectedException(Reason.UNDECODABLE, "FFmpeg cannot process this audio: " + FfmpegLog.describe(e), e);
    }

    @Override
    public void close() {
        if (swr != null) {
            swresample.swr_free(swr);
        }
        if (out != null) {
            out.close();
        }
        outPlanes.close();
        avutil.av_channel_layout_uninit(swrInLayout);
        avutil.av_channel_layout_uninit(outLayout);
        avutil.av_frame_free(frame);
        avcodec.av_packet_free(packet);
        avcodec.avcodec_free_context(decoder);
        avformat.avformat_close_input(format);
    }
}
