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

/** Addresses that get alert e-mails through the configured SMTP server (COMMUNECAST_SMTP_*). */
@Controller("/api/alert-emails")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AlertEmailController {
    private final Subscriptions subscriptions;
    private final MailSender mail;

    AlertEmailController(Subscriptions subscriptions, MailSender mail) {
        this.subscriptions = subscriptions;
        this.mail = mail;
    }

    @Post
    HttpResponse<AlertEmail> create(Authentication auth, @Body NewAlertEmail request) {
        return HttpResponse.created(view(subscriptions.email(CurrentUser.of(auth), request.email(), request.events(),
                request.areaId())));
    }

    @Get
    List<AlertEmail> list(Authentication auth) {
        return subscriptions.visible(CurrentUser.of(auth), Subscriptions.EMAIL).stream().map(this::view).toList();
    }

    @Delete("/{id}")
    HttpResponse<?> delete(Authentication auth, long id) {
        subscriptions.delete(CurrentUser.of(auth), Subscriptions.EMAIL, id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/deliveries")
    List<Delivery> deliveries(Authentication auth, long id, @QueryValue @Nullable Integer limit) {
        return subscriptions.deliveries(CurrentUser.of(auth), Subscriptions.EMAIL, id, limit);
    }

    private AlertEmail view(Subscription s) {
        return new AlertEmail(s.id(), s.target(), s.eventNames(), s.areaId(), s.createdAt(), mail.configured());
    }

    @Serdeable
    record NewAlertEmail(@Nullable String email, @Nullable List<String> events, @Nullable Long areaId) {
    }

    /** {@code smtpConfigured} false: nothing is sent until COMMUNECAST_SMTP_HOST is set; deliveries wait. */
    @Serdeable
    record AlertEmail(long id, String email, List<String> events, @Nullable Long areaId, Instant createdAt,
                      boolean smtpConfigured) {
    }
}
