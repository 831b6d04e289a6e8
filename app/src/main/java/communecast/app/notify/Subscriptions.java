package communecast.app.notify;

import communecast.app.area.Areas;
import communecast.app.notify.NotifyRepository.Subscription;
import communecast.app.security.CurrentUser;
import communecast.app.security.Role;
import communecast.app.web.ApiException;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jdbi.v3.core.Jdbi;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who is told of events: webhooks and alert e-mail addresses, each for an area and below (the whole country for
 * a country-wide admin) and the events it names. Only ADMINs manage them: a webhook calls out of the server with
 * what happened in their area, signed with its secret.
 */
@Singleton
class Subscriptions {
    static final String WEBHOOK = "WEBHOOK";
    static final String EMAIL = "EMAIL";
    private static final int MAX_URL = 2000;
    private static final int MAX_EMAIL = 320;
    private static final int MAX_DELIVERIES = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Areas areas;
    private final Clock clock;

    Subscriptions(Jdbi jdbi, Areas areas, Clock clock) {
        this.jdbi = jdbi;
        this.areas = areas;
        this.clock = clock;
    }

    /** A new webhook, with the secret that signs its deliveries (shown this once, in the answer). */
    Subscription webhook(CurrentUser user, String url, List<String> events, Long areaId) {
        user.require(Role.ADMIN);
        String target = checkedUrl(url);
        if (events == null || events.isEmpty()) {
            throw ApiException.badRequest("MISSING_FIELD", "events is required: a list of " + EventType.names());
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return subscribe(user, WEBHOOK, target, HexFormat.of().formatHex(secret), events, areaId);
    }

    /** A new address for alert e-mails; every alert when events is empty. */
    Subscription email(CurrentUser user, String email, List<String> events, Long areaId) {
        user.require(Role.ADMIN);
        return subscribe(user, EMAIL, checkedEmail(email), null, events == null || events.isEmpty() ? EventType.names() : events,
                areaId);
    }

    List<Subscription> visible(CurrentUser user, String channel) {
        user.require(Role.ADMIN);
        return repo().subscriptions(channel).stream().filter(s -> inScope(user, s)).toList();
    }

    void delete(CurrentUser user, String channel, long id) {
        Subscription s = visible(user, channel, id);
        jdbi.useTransaction(handle -> {
            NotifyRepository repo = handle.attach(NotifyRepository.class);
            repo.unsubscribe(s.id(), clock.instant());
            repo.cancelPending(s.id());
        });
    }

    /** The newest deliveries first, at most limit (500). */
    List<Delivery> deliveries(CurrentUser user, String channel, long id, Integer limit) {
        Subscription s = visible(user, channel, id);
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_DELIVERIES) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit must be 1.." + MAX_DELIVERIES + ", not " + n);
        }
        return repo().deliveries(s.id(), n);
    }

    Subscription visible(CurrentUser user, String channel, long id) {
        user.require(Role.ADMIN);
        String what = WEBHOOK.equals(channel) ? "webhook" : "alert e-mail";
        Subscription s = repo().subscription(id, channel).orElseThrow(() -> ApiException.notFound(what, id));
        if (!inScope(user, s)) {
            throw ApiException.forbidden(what + " " + id + " is outside your area");
        }
        return s;
    }

    private Subscription subscribe(CurrentUser user, String channel, String target, String secret, List<String> events,
                                   Long areaId) {
        String names = String.join(",", checkedEvents(events));
        Long area = user.areaId();
        if (areaId != null) {
            area = areas.visible(user, areaId).id();
        }
        long id = repo().subscribe(channel, target, secret, area, names, user.id(), clock.instant());
        return repo().subscription(id, channel).orElseThrow();
    }

    private boolean inScope(CurrentUser user, Subscription s) {
        return s.areaId() == null ? user.areaId() == null : areas.inScope(user, s.areaId());
    }

    private static Set<String> checkedEvents(List<String> events) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : events) {
            if (name == null || EventType.named(name.trim()).isEmpty()) {
                throw ApiException.badRequest("UNKNOWN_EVENT", "no event is called '" + name + "'; the events are "
                        + EventType.names());
            }
            names.add(name.trim());
        }
        return names;
    }

    private static String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("MISSING_FIELD", "url is required: where to POST the events");
        }
        String trimmed = url.trim();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (trimmed.length() <= MAX_URL && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (java.net.URISyntaxException e) {
            // Refused below, in the same words.
        }
        throw ApiException.badRequest("INVALID_URL", "url must be an http:// or https:// address of at most "
                + MAX_URL + " characters, not '" + trimmed + "'");
    }

    private static String checkedEmail(String email) {
        if (email == null || email.isBlank()) {
            throw ApiException.badRequest("MISSING_FIELD", "email is required: where to send the alerts");
        }
        String trimmed = email.trim();
        try {
            InternetAddress address = new InternetAddress(trimmed, true);
            if (trimmed.length() <= MAX_EMAIL && address.getAddress().contains("@") && address.getPersonal() == null) {
                return address.getAddress();
            }
        } catch (AddressException e) {
            // Refused below, in the same words.
        }
        throw ApiException.badRequest("INVALID_EMAIL", "'" + trimmed + "' is not an e-mail address");
    }

    private NotifyRepository repo() {
        return jdbi.onDemand(NotifyRepository.class);
    }
}
