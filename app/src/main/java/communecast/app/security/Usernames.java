package communecast.app.security;

import communecast.app.web.ApiException;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a username may be: it is shown as who approved or cancelled a campaign, so it must read as exactly
 * one name. Letters (Vietnamese ones composed), digits and . _ - @; no marks, control or invisible characters, no
 * direction overrides, and letters of one script only, so a Cyrillic "а" cannot pass for a Latin "a".
 */
final class Usernames {
    static final int MAX_LENGTH = 100;
    private static final Set<UnicodeScript> NO_SCRIPT = EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED);

    private Usernames() {
    }

    /** The name as stored and looked up: trimmed, composed (NFC), so "ễ" typed either way is one name. */
    static String normalized(String username) {
        return Normalizer.normalize(username.strip(), Normalizer.Form.NFC);
    }

    /** The normalized name, or 400 BAD_USERNAME saying what is wrong with it. */
    static String valid(String username) {
        String name = normalized(username);
        if (name.length() < 2 || name.length() > MAX_LENGTH) {
            throw bad("a username has 2 to " + MAX_LENGTH + " characters");
        }
        UnicodeScript script = null;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            // After NFC no Vietnamese letter needs a combining mark; a left-over one is invisible or stacked.
            if (!Character.isLetterOrDigit(c) && ".-_@".indexOf(c) < 0) {
                throw bad("a username has only letters, digits and . _ - @ (found U+" + String.format("%04X", c) + ")");
            }
            UnicodeScript of = UnicodeScript.of(c);
            if (NO_SCRIPT.contains(of)) {
                continue;
            }
            if (script != null && script != of) {
                throw bad("a username is written in one alphabet: it mixes " + script + " and " + of + " letters");
            }
            script = of;
        }
        return name;
    }

    private static ApiException bad(String message) {
        return ApiException.badRequest("BAD_USERNAME", message);
    }
}
