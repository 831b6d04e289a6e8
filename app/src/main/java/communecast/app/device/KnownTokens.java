package communecast.app.device;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Device tokens already checked against the database: every link and every download asks, and ten thousand
 * agents at once must not each wait for a pooled connection for it. A revoked token is forgotten before the
 * revocation returns (on other nodes as soon as they hear of it), and a check that was reading the database
 * meanwhile does not bring it back.
 */
@Singleton
final class KnownTokens {
    private final Map<String, Long> deviceByTokenHash = new ConcurrentHashMap<>();
    private long revocations;

    /** The device of this token hash: remembered, or looked up with {@code lookup} and remembered if found. */
    Optional<Long> deviceOf(String tokenHash, Function<String, Optional<Long>> lookup) {
        Long known = deviceByTokenHash.get(tokenHash);
        if (known != null) {
            return Optional.of(known);
        }
        long before = revocationsSoFar();
        Optional<Long> found = lookup.apply(tokenHash);
        found.ifPresent(id -> remember(tokenHash, id, before));
        return found;
    }

    /** Called after the device's token was taken away in the database. */
    synchronized void forget(long deviceId) {
        revocations++;
        deviceByTokenHash.values().removeIf(id -> id == deviceId);
    }

    /** Every token forgotten: revocations may have been missed (another node's news while the broker was away). */
    synchronized void forgetAll() {
        revocations++;
        deviceByTokenHash.clear();
    }

    private synchronized long revocationsSoFar() {
        return revocations;
    }

    private synchronized void remember(String tokenHash, long deviceId, long revocationsBefore) {
        // A revocation since the lookup began may have been read before its commit: do not keep that answer.
        if (revocations == revocationsBefore) {
            deviceByTokenHash.put(tokenHash, deviceId);
        }
    }
}
