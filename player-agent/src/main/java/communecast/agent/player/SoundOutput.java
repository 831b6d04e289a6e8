package communecast.agent.player;

import communecast.media.MediaDecoder;
import communecast.media.MediaDecoder.DecodedFrame;
import java.time.Duration;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/** Plays 16-bit PCM on the default sound device, a little ahead of time to keep its buffer filled. */
public final class SoundOutput implements Output {

    private static final Duration LEAD = Duration.ofMillis(100);
    private static final Duration BUFFER = Duration.ofMillis(250);
    private static final int BYTES_PER_SAMPLE = 2;

    private final SourceDataLine line;
    private final Volume volume;

    private SoundOutput(SourceDataLine line, Volume volume) {
        this.line = line;
        this.volume = volume;
    }

    static SoundOutput open(MediaDecoder decoder, Volume volume) throws OutputException {
        if (!decoder.hasAudio()) {
            throw new OutputException("decode error: the media has no audio stream");
        }
        AudioFormat format = new AudioFormat(decoder.sampleRate(), 16, decoder.channels(), true, false);
        try {
            SourceDataLine line = AudioSystem.getSourceDataLine(format);
            line.open(format, bufferBytes(format));
            line.start();
            return new SoundOutput(line, volume);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new OutputException("no audio output device: " + e.getMessage(), e);
        }
    }

    private static int bufferBytes(AudioFormat format) {
        long frames = (long) format.getSampleRate() * BUFFER.toMillis() / 1000;
        return (int) frames * format.getFrameSize();
    }

    @Override
    public Duration lead() {
        return LEAD;
    }

    @Override
    public void write(DecodedFrame frame) {
        if (!frame.isAudio()) {
            return;
        }
        byte[] bytes = littleEndian(frame.samples());
        line.write(bytes, 0, bytes.length);
    }

    private byte[] littleEndian(short[] samples) {
        byte[] bytes = new byte[samples.length * BYTES_PER_SAMPLE];
        for (int i = 0; i < samples.length; i++) {
            short sample = volume.scale(samples[i]);
            bytes[2 * i] = (byte) sample;
            bytes[2 * i + 1] = (byte) (sample >> 8);
        }
        return bytes;
    }

    @Override
    public void finish() {
        line.drain();
    }

    @Override
    public void close() {
        line.stop();
        line.flush();
        line.close();
    }
}
