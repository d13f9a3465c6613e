package org.hotlinepulse.alertmanager;

import org.apache.flink.metrics.Counter;

import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AlertmanagerInstance} that counts the requests another one fails and that may succeed later
 * ({@link org.hotlinepulse.monitoring.JobMetric#ALERTMANAGER_DELIVERY_FAILURES}) and records when one last
 * succeeded ({@link org.hotlinepulse.monitoring.JobMetric#ALERTMANAGER_LAST_DELIVERY}): every successful
 * request carries the heartbeat, so a watcher that sees no success for a while knows no heartbeat went out.
 */
final class ObservedInstance implements AlertmanagerInstance {
    private final AlertmanagerInstance instance;
    private final Counter failures;
    private final AtomicLong lastSuccessMillis;
    private final Clock clock;

    ObservedInstance(AlertmanagerInstance instance, Counter failures, AtomicLong lastSuccessMillis, Clock clock) {
        this.instance = instance;
        this.failures = failures;
        this.lastSuccessMillis = lastSuccessMillis;
        this.clock = clock;
    }

    @Override
    public void post(Collection<PostableAlert> alerts) throws AlertmanagerException {
        try {
            instance.post(alerts);
        } catch (AlertmanagerException e) {
            // An alert refused as invalid is counted as refused (AlertmanagerOperator.REFUSED_METRIC), not here.
            if (e.retryable()) {
                failures.inc();
            }
            throw e;
        }
        lastSuccessMillis.set(clock.millis());
    }
}
