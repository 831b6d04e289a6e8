package communecast.app.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The browser's session: the signed token in an HttpOnly, SameSite=Strict cookie, the language, and the
 * anti-forgery token every form carries (a MAC of the session token, so another site cannot make one).
 */
@Singleton
public final class BrowserSession {
    public static final String TOKEN_COOKIE = "JWT";
    public static final String LANGUAGE_COOKIE = "lang";
    /** The header a page's own script (the upload) sends its form token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final byte[] key = new byte[32];

    BrowserSession() {
        new SecureRandom().nextBytes(key);
    }

    public Cookie tokenCookie(String token) {
        return Cookie.of(TOKEN_COOKIE, token).httpOnly(true).sameSite(SameSite.Strict).path("/").maxAge(LIFETIME);
    }

    public Cookie expiredTokenCookie() {
        return Cookie.of(TOKEN_COOKIE, "").httpOnly(true).sameSite(SameSite.Strict).path("/").maxAge(0);
    }

    public String language(HttpRequest<?> request) {
        return request.getCookies().findCookie(LANGUAGE_COOKIE).map(Cookie::getValue).filter("en"::equals).orElse("vi");
    }

    /** The token forms must send back; empty without a session. */
    public Optional<String> csrf(HttpRequest<?> request) {
        return request.getCookies().findCookie(TOKEN_COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank()).map(this::mac);
    }

    public boolean csrfMatches(HttpRequest<?> request, String sent) {
        return sent != null && csrf(request).map(expected -> MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII))).orElse(false);
    }

    private String mac(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
