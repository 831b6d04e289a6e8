package communecast.app.security;

import communecast.app.web.ApiException;
import communecast.media.Sha256;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys for other systems: an ADMIN makes one with a role and an area within their own (the rules of making a user),
 * sees and revokes those of their area. A key is 256 random bits, so its SHA-256 is enough to find it and useless to
 * a thief of the database; its use is written down at most once a minute.
 */
@Singleton
public final class ApiKeys {
    /** How a key begins: tells it from a login token at a glance, in a header and in a leaked config file. */
    static final String PREFIX = "cck_";
    static final String KEY_ID = "apiKeyId";
    /** "api-key:" and the name are written where a username goes (campaign history, 100 characters). */
    static final int MAX_NAME = 80;
    private static final Duration USE_WRITTEN_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final AreaScope scope;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(Jdbi jdbi, Clock clock, AreaScope scope) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.scope = scope;
    }

    public IssuedApiKey create(CurrentUser admin, NewApiKey request) {
        admin.require(Role.ADMIN);
        if (request == null || request.name() == null || request.name().isBlank() || request.role() == null) {
            throw ApiException.badRequest("MISSING_FIELD", "name and role are required (areaId: null or absent for the whole country)");
        }
        String name = request.name().strip();
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("TOO_LONG", "name may have at most " + MAX_NAME + " characters");
        }
        if (!scope.grants(admin, request.areaId())) {
            throw ApiException.forbidden("you may only make keys for your own area or inside it");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = repo().insert(name, hash(key), request.role(), request.areaId(), admin.id(), clock.instant());
        return new IssuedApiKey(repo().find(id).orElseThrow(), key);
    }

    public List<ApiKey> list(CurrentUser admin) {
        admin.require(Role.ADMIN);
        return repo().within(admin.areaId());
    }

    /** Stops the key at its next request. */
    public ApiKey revoke(CurrentUser admin, long id) {
        admin.require(Role.ADMIN);
        ApiKey key = repo().find(id).orElseThrow(() -> ApiException.notFound("API key", id));
        if (!scope.grants(admin, key.areaId())) {
            throw ApiException.forbidden("API key " + id + " is outside your area");
        }
        repo().revoke(id, clock.instant());
        return repo().find(id).orElseThrow();
    }

    /** What a request carrying {@code key} acts as: the key's role and area, for the administrator who made it. */
    Optional<Authentication> authenticate(String key) {
        return repo().holder(hash(key)).map(holder -> {
            Instant now = clock.instant();
            if (holder.lastUsedAt() == null || holder.lastUsedAt().isBefore(now.minus(USE_WRITTEN_EVERY))) {
                repo().used(holder.id(), now);
            }
            Map<String, Object> attributes = new HashMap<>(Map.of(CurrentUser.USER_ID, holder.createdBy(), KEY_ID, holder.id()));
            if (holder.areaId() != null) {
                attributes.put(CurrentUser.AREA_ID, holder.areaId());
            }
            return Authentication.build("api-key:" + holder.name(), List.of(holder.role().name()), attributes);
        });
    }

    private static String hash(String key) {
        return Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
    }

    private ApiKeyRepository repo() {
        return jdbi.onDemand(ApiKeyRepository.class);
    }

    static boolean looksLikeKey(@Nullable String token) {
        return token != null && token.startsWith(PREFIX);
    }
}
