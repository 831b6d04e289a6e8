package communecast.app.emergency;

import communecast.app.security.CurrentUser;
import communecast.app.web.ApiException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The event streams of {@code GET /api/emergency/{id}/events}: one poll of the database per emergency, shared
 * by everyone who follows it and stopped when the last one leaves, and a few open streams per user (1,500
 * streams, each polling on its own twice a second, were accepted before).
 */
@Singleton
final class EmergencyFeeds {
    static final int MAX_STREAMS_PER_USER = 5;
    private static final Duration POLL = Duration.ofMillis(500);

    private final Emergencies emergencies;
    /** Emergencies followed now; a poll is here while it has followers. Guarded by itself. */
    private final Map<Long, Poll> polls = new HashMap<>();
    /** Open streams per user id. Guarded by itself. */
    private final Map<Long, Integer> open = new HashMap<>();
    /** Polls running now, for tests: one per emergency followed, however many follow it. */
    final AtomicInteger running = new AtomicInteger();

    EmergencyFeeds(Emergencies emergencies) {
        this.emergencies = emergencies;
    }

    /** The status as this user sees it each time it changes, until nothing more can change; 429 over the user's streams. */
    Flux<EmergencyStatus> follow(CurrentUser user, long id) {
        UnaryOperator<EmergencyStatus> view = emergencies.viewFor(user, id);
        synchronized (open) {
            int streams = open.getOrDefault(user.id(), 0);
            if (streams >= MAX_STREAMS_PER_USER) {
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_STREAMS", "at most " + MAX_STREAMS_PER_USER
                        + " event streams per user are open at once; close one (another tab or window) first");
            }
            open.put(user.id(), streams + 1);
        }
        return shared(id).map(view).distinctUntilChanged().takeUntil(emergencies::settled)
                .doFinally(signal -> closed(user.id()));
    }

    /** Open streams of this user now. */
    int openStreams(long userId) {
        synchronized (open) {
            return open.getOrDefault(userId, 0);
        }
    }

    private void closed(long userId) {
        synchronized (open) {
            open.computeIfPresent(userId, (user, streams) -> streams == 1 ? null : streams - 1);
        }
    }

    /** Joining and leaving are counted under one lock, so a poll leaves the map only with its last follower. */
    private Flux<EmergencyStatus> shared(long id) {
        return Flux.defer(() -> {
            synchronized (polls) {
                Poll poll = polls.computeIfAbsent(id, this::poll);
                poll.followers++;
                return poll.statuses;
            }
        }).doFinally(signal -> left(id));
    }

    private void left(long id) {
        synchronized (polls) {
            Poll poll = polls.get(id);
            if (poll != null && --poll.followers == 0) {
                polls.remove(id);
            }
        }
    }

    private Poll poll(long id) {
        Supplier<EmergencyStatus> read = emergencies.reader(id);
        // The latest status is kept for a follower who joins between two reads; the poll stops with the last one.
        return new Poll(Flux.interval(Duration.ZERO, POLL, Schedulers.boundedElastic()).map(tick -> read.get())
                .doOnSubscribe(s -> running.incrementAndGet()).doFinally(signal -> running.decrementAndGet())
                .replay(1).refCount());
    }

    private static final class Poll {
        final Flux<EmergencyStatus> statuses;
        int followers;

        Poll(Flux<EmergencyStatus> statuses) {
            this.statuses = statuses;
        }
    }
}
