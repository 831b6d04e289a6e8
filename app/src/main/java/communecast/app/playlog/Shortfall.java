package communecast.app.playlog;

import io.micronaut.serde.annotation.Serdeable;

/** Plays of a campaign that did not air, counted by status and reason (e.g. MISSED "agent was not running"). */
@Serdeable
public record Shortfall(LogStatus status, String reason, long plays) {
}
