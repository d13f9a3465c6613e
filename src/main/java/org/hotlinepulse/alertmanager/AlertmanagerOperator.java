package org.hotlinepulse.alertmanager;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.monitoring.JobMetric;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Flink side of Alertmanager delivery: holds each alert state change back in a
 * {@link WriteAheadChanges} until the checkpoint that holds it has completed, then hands it to an
 * {@link AlertmanagerDelivery}, which processing-time timers drive (heartbeat, re-sends and retries
 * happen while no change arrives). Its checkpointed state is everything still to be said once that
 * checkpoint has completed: the firing alerts, the resolutions not yet delivered everywhere and
 * the changes held back; on restore all of it is released, since a restore is from a completed
 * checkpoint (this also covers a completion whose notification was lost). Emits nothing.
 *
 * <p>An operator rather than a Sink V2 sink: a sink writer is not told of completed checkpoints,
 * a committer has no timers, and a keyed function cannot set a timer on start or on a checkpoint
 * notification, when no element is at hand.
 */
public final class AlertmanagerOperator extends AbstractStreamOperator<Void> implements OneInputStreamOperator<Alert, Void> {
    /** The name of the counter of alerts an instance refused as invalid. */
    public static final String REFUSED_METRIC = "alertmanagerRefused";
    /** The first retry pause; the back-off doubles it up to the configured maximum. */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final AlertmanagerConfig config;
    private final String token;
    private transient ListState<byte[]> checkpointed;
    private transient WriteAheadChanges heldBack;
    private transient AlertmanagerDelivery delivery;
    private transient long timerAt;

    /** @param token the bearer token, or null; see {@link AlertmanagerConfig#token} */
    public AlertmanagerOperator(AlertmanagerConfig config, String token) {
        this.config = config;
        this.token = token;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("alertmanager-changes", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        heldBack = new WriteAheadChanges();
        Counter refused = getMetricGroup().counter(REFUSED_METRIC);
        Counter failures = JobMetric.ALERTMANAGER_DELIVERY_FAILURES.counter(getMetricGroup());
        AtomicLong lastSuccess = new AtomicLong();
        JobMetric.ALERTMANAGER_LAST_DELIVERY.gauge(getMetricGroup(),
                () -> lastSuccess.get() == 0 ? Double.NaN : lastSuccess.get() / 1000.0);
        delivery = new AlertmanagerDelivery(
                config.urls().stream().map(url -> new ObservedInstance(new AlertmanagerClient(url, token, config.timeout()),
                        failures, lastSuccess, Clock.systemUTC())).toList(),
                config.resendInterval(), new Backoff(FIRST_RETRY, config.maxBackoff()),
                new Heartbeat(getRuntimeContext().getJobInfo().getJobName(), now(), config.resendInterval()),
                alert -> refused.inc());
        for (byte[] change : checkpointed.get()) {
            delivery.accept(AlertBytes.decode(change));
        }
        timerAt = Long.MAX_VALUE;
    }

    @Override
    public void open() throws Exception {
        super.open();
        deliverAndSchedule();
    }

    @Override
    public void processElement(StreamRecord<Alert> element) {
        heldBack.add(element.getValue());
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        heldBack.seal(context.getCheckpointId());
        List<byte[]> state = new ArrayList<>();
        for (Alert change : delivery.state()) {
            state.add(AlertBytes.encode(change));
        }
        for (Alert change : heldBack.sealed()) {
            state.add(AlertBytes.encode(change));
        }
        checkpointed.update(state);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        heldBack.release(checkpointId).forEach(delivery::accept);
        deliverAndSchedule();
    }

    private void deliverAndSchedule() {
        Instant now = now();
        delivery.deliverDue(now);
        long at = Math.max(delivery.nextDue().toEpochMilli(), now.toEpochMilli() + 1);
        // One timer at a time; an earlier one replaces it, a stale one just finds nothing due.
        if (at < timerAt) {
            timerAt = at;
            getProcessingTimeService().registerTimer(at, firedAt -> {
                timerAt = Long.MAX_VALUE;
                deliverAndSchedule();
            });
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime());
    }
}
