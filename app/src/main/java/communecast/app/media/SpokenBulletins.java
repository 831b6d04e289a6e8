package communecast.app.media;

import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.lang.Character.UnicodeScript;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Bulletins from text (đọc văn bản bằng TTS): the notice read the Vietnamese way ({@link VietnameseReading}), spoken
 * by the {@link SpeechEngine}, then taken into the library like an upload (loudness, MP3, waveform), its text kept.
 */
@Singleton
public class SpokenBulletins {
    static final int MAX_TEXT = 5000;
    static final double SLOWEST = 0.5;
    static final double FASTEST = 2.0;

    private final SpeechEngine engine;
    private final MediaLibrary library;
    private final MediaStore store;

    SpokenBulletins(SpeechEngine engine, MediaLibrary library, MediaStore store) {
        this.engine = engine;
        this.library = library;
        this.store = store;
    }

    /** Why no bulletin can be made from text on this server, or null. */
    public String unavailable() {
        return engine.unavailable().orElse(null);
    }

    public MediaItem make(CurrentUser user, NewSpokenBulletin request) {
        user.require(Role.ADMIN, Role.EDITOR);
        String title = MediaLibrary.title(request.title());
        String text = text(request.text());
        SpeechEngine.Voice voice = voice(request.voice());
        double rate = rate(request.rate());
        engine.unavailable().ifPresent(why -> {
            throw new ApiException(HttpStatus.CONFLICT, "TTS_UNAVAILABLE", why);
        });
        Path wav = store.incomingFile(".wav");
        try {
            engine.speak(VietnameseReading.aloud(text), voice, rate, wav);
            return library.add(user, title, wav, MediaStore.size(wav), null, text);
        } finally {
            MediaStore.discard(wav);
        }
    }

    /** The text as typed, composed (NFC); only what a Vietnamese voice can read. */
    static String text(String typed) {
        // A form sends its line breaks as CRLF, which the page's maxlength counted as one character.
        String text = typed == null ? "" : Normalizer.normalize(typed.replace("\r\n", "\n"), Normalizer.Form.NFC).strip();
        if (text.isEmpty()) {
            throw ApiException.badRequest("MISSING_FIELD", "text is required");
        }
        if (text.length() > MAX_TEXT) {
            throw ApiException.badRequest("TEXT_TOO_LONG", "text has " + text.length() + " characters; a bulletin from text has at most " + MAX_TEXT);
        }
        text.codePoints().filter(Character::isLetter).filter(c -> UnicodeScript.of(c) != UnicodeScript.LATIN).findFirst().ifPresent(c -> {
            throw ApiException.badRequest("NOT_VIETNAMESE", "a Vietnamese voice reads Latin letters only, not «" + Character.toString(c) + "» ("
                    + UnicodeScript.of(c).name() + ")");
        });
        return text;
    }

    private static SpeechEngine.Voice voice(String voice) {
        if (voice == null || voice.isBlank()) {
            return SpeechEngine.Voice.NORTH;
        }
        try {
            return SpeechEngine.Voice.valueOf(voice.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("BAD_VOICE", "voice must be one of " + Arrays.toString(SpeechEngine.Voice.values()) + ", not '" + voice + "'");
        }
    }

    private static double rate(Double rate) {
        if (rate == null) {
            return 1.0;
        }
        if (!(rate >= SLOWEST && rate <= FASTEST)) {
            throw ApiException.badRequest("BAD_RATE", "rate must be between " + SLOWEST + " and " + FASTEST + ", not " + rate);
        }
        return rate;
    }

}
