package communecast.app.security;

import communecast.app.AppSettings;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/** The built-in {@code admin} (ADMIN, whole country), made at first start only. */
@Context
final class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    static final String ADMIN = "admin";

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final AppSettings settings;
    private final Clock clock;

    AdminBootstrap(Jdbi jdbi, PasswordHasher hasher, AppSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.settings = settings;
        this.clock = clock;
    }

    @PostConstruct
    void ensureAdmin() {
        UserRepository users = jdbi.onDemand(UserRepository.class);
        if (users.findByUsername(ADMIN).isPresent()) {
            return;
        }
        String password = settings.adminPassword();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        users.insert(ADMIN, hasher.hash(password), Role.ADMIN, null, clock.instant());
        if (generated) {
            // Printed once, on purpose: there is no other way to learn it.
            LOG.warn("Created user 'admin' with generated password: {}  (set COMMUNECAST_ADMIN_PASSWORD to choose it)", password);
        } else {
            LOG.info("Created user 'admin' with the password from COMMUNECAST_ADMIN_PASSWORD");
        }
    }
}
