package communecast.app.security;

import communecast.app.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UsernamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"admin", "nguyen.van.a", "nguyễn_văn-bình", "can.bo@xa-loi-bac", "Đặng2026", "иван", "李明"})
    void aNameInOneAlphabetIsAccepted(String name) {
        assertEquals(name, Usernames.valid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u0430dmin",            // Cyrillic а, then Latin
            "adm\u0456n",            // Cyrillic і
            "admin\u202Egnp",        // right-to-left override
            "ad\u200Bmin",           // zero-width space
            "ad\u0000min",           // NUL
            "admin\nroot",           // a line break
            "ad min",                // a space
            "a",                     // too short
            "admin\u2066x\u2069",   // isolate controls
            "ad\u034Fmin",           // an invisible combining mark
            "admi\u0307n"})          // a stacked dot over the i
    void aNameThatCouldPassForAnotherIsRefused(String name) {
        ApiException refused = assertThrows(ApiException.class, () -> Usernames.valid(name));
        assertEquals("BAD_USERNAME", refused.code());
    }

    @Test
    void aNameIsKeptComposedSoEitherWayOfTypingItIsOneName() {
        String decomposed = "nguye\u0302\u0303n";   // ễ as e + circumflex + tilde
        assertEquals("nguyễn", Usernames.valid(decomposed));
        assertEquals("nguyễn", Usernames.normalized("  nguye\u0302\u0303n "));
    }

    @Test
    void aNameLongerThanTheColumnIsRefused() {
        assertThrows(ApiException.class, () -> Usernames.valid("a".repeat(Usernames.MAX_LENGTH + 1)));
    }
}
