package communecast.app.campaign;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;

/** An approved campaign whose last day has passed (in the configured zone) is COMPLETED, recorded as done by the system. */
@Singleton
final class CompletionSweep {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionSweep.class);
    static final long SYSTEM_USER = 0;

    private final Jdbi jdbi;
    private final Clock clock;

    CompletionSweep(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${communecast.campaign.complete-every:10m}", initialDelay = "5s")
    void sweep() {
        CampaignRepository repo = jdbi.onDemand(CampaignRepository.class);
        for (long id : repo.approvedEndedBefore(LocalDate.now(clock))) {
            if (repo.move(id, CampaignStatus.APPROVED, CampaignStatus.COMPLETED) == 1) {
                repo.record(id, "COMPLETED", SYSTEM_USER, "system", clock.instant());
                LOG.info("Campaign {} completed: its date range has ended", id);
            }
        }
    }
}
