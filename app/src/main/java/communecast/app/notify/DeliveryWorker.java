package communecast.app.notify;

import communecast.app.cluster.Cluster;
import communecast.app.notify.NotifyRepository.Due;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends what the {@link Outbox} promised. Each round claims the due deliveries for this node (another node takes
 * over a claim only once it lapses), then per subscription, in event order: a webhook gets one POST per event and
 * stops at the first failure, so that the rest wait with it and arrive in order; an e-mail address gets one
 * message with all its due events (a province's power cut is one e-mail, not hundreds). A failure is tried again
 * after {@link NotifySettings#retryAfter}, until {@link NotifySettings#giveUpAfter} has passed since the event.
 */
@Singleton
final class DeliveryWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 200;
    /** Longer than a round can take: 200 webhooks timing out stop at the first failure of each subscription. */
    private static final Duration CLAIM = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final WebhookSender webhooks;
    private final MailSender mail;
    private final NotifySettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final String node;

    DeliveryWorker(Jdbi jdbi, WebhookSender webhooks, MailSender mail, NotifySettings settings, JsonMapper json,
                   Clock clock, Cluster cluster) {
        this.jdbi = jdbi;
        this.webhooks = webhooks;
        this.mail = mail;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.node = cluster.node();
    }

    @Scheduled(fixedDelay = "${communecast.notify.deliver-every:5s}", initialDelay = "${communecast.notify.deliver-first-after:10s}")
    void deliver() {
        Instant now = clock.instant();
        // Millisecond precision, as DATETIME(3) keeps it: the claim is found again by this value.
        Instant until = now.plus(CLAIM).truncatedTo(ChronoUnit.MILLIS);
        NotifyRepository repo = jdbi.onDemand(NotifyRepository.class);
        List<Long> dueIds = repo.due(now, BATCH);
        if (dueIds.isEmpty() || repo.claim(dueIds, node, until, now) == 0) {
            return;
        }
        Map<Long, List<Due>> bySubscription = repo.claimed(node, until).stream()
                .collect(Collectors.groupingBy(Due::subscriptionId, LinkedHashMap::new, Collectors.toList()));
        bySubscription.values().forEach(due -> {
            if (Subscriptions.WEBHOOK.equals(due.getFirst().channel())) {
                toWebhook(repo, due);
            } else {
                byMail(repo, due);
            }
        });
    }

    private void toWebhook(NotifyRepository repo, List<Due> due) {
        for (int i = 0; i < due.size(); i++) {
            Due d = due.get(i);
            WebhookSender.Outcome outcome = webhooks.post(d.target(), d.secret(), d.type(), d.id(), d.payload());
            if (outcome.delivered()) {
                repo.delivered(List.of(d.id()), outcome.status(), clock.instant());
            } else {
                failed(repo, due.subList(i, due.size()), List.of(d), outcome.status(), outcome.error());
                return;
            }
        }
    }

    private void byMail(NotifyRepository repo, List<Due> due) {
        List<String> texts = due.stream().map(this::text).toList();
        String subject = "[CommuneCast] " + (due.size() == 1
                ? EventType.named(due.getFirst().type()).map(EventType::title).orElse(due.getFirst().type()) + ": " + texts.getFirst()
                : due.size() + " cảnh báo / alerts");
        String body = String.join("\n", texts.stream().map(t -> "- " + t).toList())
                + "\n\n-- \nCommuneCast: thư tự động, không cần trả lời / an automatic message, no reply needed.\n";
        String error = mail.send(due.getFirst().target(), subject, body);
        if (error == null) {
            repo.delivered(due.stream().map(Due::id).toList(), null, clock.instant());
        } else {
            failed(repo, due, due, null, error);
        }
    }

    /**
     * The tried ones failed (a webhook's first, all of an e-mail's): one past {@link NotifySettings#giveUpAfter}
     * is given up; the rest wait for the next attempt.
     */
    private void failed(NotifyRepository repo, List<Due> due, List<Due> tried, Integer status, String error) {
        Instant now = clock.instant();
        List<Long> givenUp = tried.stream().filter(d -> now.isAfter(d.createdAt().plus(settings.giveUpAfter())))
                .map(Due::id).toList();
        if (!givenUp.isEmpty()) {
            repo.gaveUp(givenUp, status, error);
            LOG.warn("Deliveries {} to {} given up after {}: {}", givenUp, tried.getFirst().target(), settings.giveUpAfter(), error);
        }
        List<Long> attempted = tried.stream().map(Due::id).filter(id -> !givenUp.contains(id)).toList();
        List<Long> waiting = due.stream().map(Due::id).filter(id -> !givenUp.contains(id)).toList();
        if (!attempted.isEmpty()) {
            repo.attempted(attempted);
        }
        if (!waiting.isEmpty()) {
            int attempts = tried.getFirst().attempts() + 1;
            repo.postpone(waiting, status, error, now.plus(settings.retryAfter(attempts)));
            LOG.info("Deliveries {} to {} failed, attempt {}: {}", attempted, tried.getFirst().target(), attempts, error);
        }
    }

    /** The event's sentence, for an e-mail. */
    private String text(Due d) {
        try {
            Object text = json.readValue(d.payload(), Map.class).get("text");
            return text == null ? d.type() : text.toString();
        } catch (IOException e) {
            return d.type();
        }
    }
}
