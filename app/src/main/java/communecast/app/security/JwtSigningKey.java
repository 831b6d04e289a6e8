package communecast.app.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * The HMAC key that signs login tokens, made once and kept in the database: every node of a cluster,
 * and the same node after a restart, accepts the tokens the others issued.
 */
@Factory
final class JwtSigningKey {
    private static final String NAME = "jwt-hs256";

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration signature(Jdbi jdbi, Clock clock) {
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        config.setSecret(loadOrCreate(jdbi, clock));
        return new SecretSignature(config);
    }

    private static String loadOrCreate(Jdbi jdbi, Clock clock) {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String candidate = Base64.getEncoder().encodeToString(random);
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("INSERT IGNORE INTO app_secret (name, secret, created_at) VALUES (:name, :secret, :now)")
                    .bind("name", NAME).bind("secret", candidate).bind("now", clock.instant()).execute();
            return handle.createQuery("SELECT secret FROM app_secret WHERE name = :name")
                    .bind("name", NAME).mapTo(String.class).one();
        });
    }
}
