package communecast.app.device;

import communecast.media.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/** Enrollment codes people can type, device tokens machines keep; only their hashes are stored. */
final class Secrets {
    // No 0/O, 1/I/L: the code is read aloud over the phone to the commune's technician.
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String enrollmentCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    static String deviceToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "dvt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Codes are typed by people: spaces around them and the case of their letters do not matter. */
    static String codeHash(String code) {
        return sha256(code.trim().toUpperCase(Locale.ROOT));
    }

    /** Tokens are kept by machines: compared exactly. */
    static String tokenHash(String token) {
        return sha256(token);
    }

    /**
     * How tokens were hashed before V17: upper-cased in the JVM's default locale (kept, so a server that ran in
     * another locale still finds its old hashes); each is re-hashed exactly at its first use.
     */
    static String legacyTokenHash(String token) {
        return sha256(token.trim().toUpperCase(Locale.getDefault()));
    }

    /** The form {@link #deviceToken} makes: only such a string may be adopted as an old token. */
    static boolean looksLikeToken(String token) {
        return token.matches("dvt_[A-Za-z0-9_-]{43}");
    }

    private static String sha256(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
