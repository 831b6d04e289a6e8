package communecast.app.notify;

import communecast.app.notify.NotifyRepository.Subscription;
import communecast.app.security.CurrentUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Webhooks (docs/integration.md): events POSTed as signed JSON, retried until the receiver takes them. */
@Controller("/api/webhooks")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class WebhookController {
    private final Subscriptions subscriptions;

    WebhookController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** 201 with the secret that signs the deliveries: shown this once. */
    @Post
    HttpResponse<Created> create(Authentication auth, @Body NewWebhook request) {
        Subscription s = subscriptions.webhook(CurrentUser.of(auth), request.url(), request.events(), request.areaId());
        return HttpResponse.created(new Created(s.id(), s.secret(), s.target(), s.eventNames(), s.areaId(), s.createdAt()));
    }

    @Get
    List<Webhook> list(Authentication auth) {
        return subscriptions.visible(CurrentUser.of(auth), Subscriptions.WEBHOOK).stream().map(Webhook::of).toList();
    }

    @Get("/{id}")
    Webhook get(Authentication auth, long id) {
        return Webhook.of(subscriptions.visible(CurrentUser.of(auth), Subscriptions.WEBHOOK, id));
    }

    /** Stops it: what is still pending for it is CANCELLED; its delivery log stays. */
    @Delete("/{id}")
    HttpResponse<?> delete(Authentication auth, long id) {
        subscriptions.delete(CurrentUser.of(auth), Subscriptions.WEBHOOK, id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/deliveries")
    List<Delivery> deliveries(Authentication auth, long id, @QueryValue @Nullable Integer limit) {
        return subscriptions.deliveries(CurrentUser.of(auth), Subscriptions.WEBHOOK, id, limit);
    }

    @Serdeable
    record NewWebhook(@Nullable String url, @Nullable List<String> events, @Nullable Long areaId) {
    }

    @Serdeable
    record Created(long id, String secret, String url, List<String> events, @Nullable Long areaId, Instant createdAt) {
    }

    @Serdeable
    record Webhook(long id, String url, List<String> events, @Nullable Long areaId, Instant createdAt) {
        static Webhook of(Subscription s) {
            return new Webhook(s.id(), s.target(), s.eventNames(), s.areaId(), s.createdAt());
        }
    }
}
