package communecast.app.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * When alerts are raised and how deliveries are retried (COMMUNECAST_NOTIFY_OFFLINE_AFTER → offline-after).
 *
 * @param offlineAfter    a device is reported offline once it has been so this long (a 3G link drops for seconds)
 * @param retryFirstAfter a failed delivery is tried again after this, then after twice as long each time
 * @param retryAtMost     the longest wait between two attempts
 * @param giveUpAfter     a delivery still failing this long after its event is given up (GAVE_UP)
 */
@ConfigurationProperties("communecast.notify")
record NotifySettings(
        @Bindable(defaultValue = "10m") Duration offlineAfter,
        @Bindable(defaultValue = "30s") Duration retryFirstAfter,
        @Bindable(defaultValue = "1h") Duration retryAtMost,
        @Bindable(defaultValue = "7d") Duration giveUpAfter) {

    /** The wait before the next attempt, after this many failed ones (1 or more). */
    Duration retryAfter(int failedAttempts) {
        int doublings = Math.min(20, Math.max(0, failedAttempts - 1));
        Duration wait = retryFirstAfter.multipliedBy(1L << doublings);
        return wait.compareTo(retryAtMost) > 0 ? retryAtMost : wait;
    }
}
