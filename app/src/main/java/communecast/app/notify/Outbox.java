package communecast.app.notify;

import communecast.app.AppSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an event and a delivery for each subscriber, in the caller's transaction: what raised the event and the
 * promise to tell of it commit together, so a crash loses neither. The {@link DeliveryWorker} sends them.
 */
@Singleton
class Outbox {
    /** The version of the body's shape (docs/integration.md). */
    static final int VERSION = 1;

    private final JsonMapper json;
    private final Clock clock;
    private final ZoneId zone;

    Outbox(JsonMapper json, Clock clock, AppSettings settings) {
        this.json = json;
        this.clock = clock;
        this.zone = settings.timezone();
    }

    /**
     * The event once: empty if it was announced before (a failed play already told of).
     *
     * @param fields what the body says beyond {@code v, id, type, at, area}: the device, the play, the text
     */
    Optional<Long> publish(NotifyRepository repo, EventType type, Area area, @Nullable Long deviceId,
                           @Nullable Long logId, Instant at, Map<String, Object> fields) {
        Optional<Long> id = repo.event(type, area.id(), deviceId, logId, at);
        id.ifPresent(eventId -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("v", VERSION);
            body.put("id", eventId);
            body.put("type", type.wireName());
            body.put("at", local(at));
            body.put("area", Map.of("id", area.id(), "code", area.code(), "name", area.name()));
            body.putAll(fields);
            repo.payload(eventId, write(body));
            repo.deliverTo(eventId, type.wireName(), area.id(), clock.instant());
        });
        return id;
    }

    /** An instant as the body carries it: ISO-8601 with the configured zone's offset (+07:00). */
    String local(Instant at) {
        return at.atZone(zone).toOffsetDateTime().toString();
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an event's body", e);
        }
    }

    /** The area an event happened in (the device's). */
    record Area(long id, String code, String name) {
    }
}
