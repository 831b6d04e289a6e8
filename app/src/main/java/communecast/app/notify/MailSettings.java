package communecast.app.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The SMTP server alert e-mails go through (COMMUNECAST_SMTP_HOST → host). No host: no e-mail is sent; e-mail
 * deliveries wait (PENDING, saying why) until one is configured.
 *
 * @param security NONE (plain, port 25 inside an office network), STARTTLS (port 587) or SSL (port 465)
 */
@ConfigurationProperties("communecast.smtp")
record MailSettings(
        @Nullable String host,
        @Bindable(defaultValue = "587") int port,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "communecast@localhost") String from,
        @Bindable(defaultValue = "STARTTLS") Security security) {

    enum Security { NONE, STARTTLS, SSL }

    boolean configured() {
        return host != null && !host.isBlank();
    }
}
