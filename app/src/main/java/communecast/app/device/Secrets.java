package communecast.app.device;

import communecast.media.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

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

    static String hash(String secret) {
        return Sha256.hex(secret.trim().toUpperCase().getBytes(StandardCharsets.UTF_8));
    }
}
