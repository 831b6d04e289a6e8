package communecast.app.media;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code communecast.tts.*}: the engine that reads a notice aloud. {@code command} (COMMUNECAST_TTS_COMMAND) is a
 * site's own engine, run by {@code sh -c}: the text on its stdin, a WAV on its stdout, the voice and pace in
 * COMMUNECAST_TTS_VOICE and COMMUNECAST_TTS_RATE. Without it, eSpeak NG's Vietnamese voices ({@code espeak-ng}, found
 * on the PATH unless given); with neither, no bulletin is made from text (409 TTS_UNAVAILABLE).
 *
 * @param wordsPerMinute eSpeak NG's pace at rate 1.0; a loudspeaker in a village wants it slower than eSpeak's 175
 * @param timeout        how long one part (a few sentences) may take to speak
 */
@ConfigurationProperties("communecast.tts")
record SpeechSettings(
        @Nullable String command,
        @Bindable(defaultValue = "espeak-ng") String espeakNg,
        @Bindable(defaultValue = "150") int wordsPerMinute,
        @Bindable(defaultValue = "2m") Duration timeout) {
}
