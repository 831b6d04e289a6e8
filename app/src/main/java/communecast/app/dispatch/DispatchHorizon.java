package communecast.app.dispatch;

import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/** How far dispatch has made a campaign's plays into broadcast logs (its cursor): what a report counts as still to come starts there. */
@Singleton
public final class DispatchHorizon {
    private final Jdbi jdbi;

    DispatchHorizon(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every play starting before this instant has its broadcast log; empty if the campaign was never dispatched. */
    public Optional<Instant> of(long campaignId) {
        return jdbi.onDemand(DispatchCursorRepository.class).find(campaignId);
    }
}
