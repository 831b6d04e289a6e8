package communecast.app.notify;

import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Properties;

/** Sends one plain-text e-mail in UTF-8 through the configured SMTP server. */
@Singleton
class MailSender {
    private static final String TIMEOUT_MS = "15000";

    private final MailSettings settings;

    MailSender(MailSettings settings) {
        this.settings = settings;
    }

    boolean configured() {
        return settings.configured();
    }

    /** Null when sent, else why not. */
    String send(String to, String subject, String text) {
        if (!settings.configured()) {
            return "no SMTP server is configured (COMMUNECAST_SMTP_HOST)";
        }
        try {
            MimeMessage message = new MimeMessage(session());
            message.setFrom(new InternetAddress(settings.from()));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            Transport.send(message);
            return null;
        } catch (MessagingException e) {
            return "the SMTP server " + settings.host() + ":" + settings.port() + " did not take it: " + e.getMessage();
        }
    }

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        switch (settings.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case SSL -> p.put("mail.smtp.ssl.enable", "true");
            case NONE -> { }
        }
        if (settings.username() == null || settings.username().isBlank()) {
            return Session.getInstance(p);
        }
        p.put("mail.smtp.auth", "true");
        return Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.username(), settings.password() == null ? "" : settings.password());
            }
        });
    }
}
