package communecast.app.security;

import com.password4j.Password;
import jakarta.inject.Singleton;

/** Argon2id in PHC form ($argon2id$v=19$...), salt and parameters inside the stored string. */
@Singleton
final class PasswordHasher {
    String hash(String password) {
        return Password.hash(password).addRandomSalt().withArgon2().getResult();
    }

    boolean matches(String password, String storedHash) {
        return Password.check(password, storedHash).withArgon2();
    }
}
