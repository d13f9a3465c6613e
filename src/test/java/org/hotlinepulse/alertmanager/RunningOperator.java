package org.hotlinepulse.alertmanager;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.config.AlertmanagerConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * An {@link AlertmanagerOperator} in Flink's operator test harness, on the wall clock: every call
 * first moves the harness's processing time to now, which fires the operator's due timers, as a
 * running task would. Checkpoints are taken and completed by hand, restores start from a snapshot.
 */
final class RunningOperator implements AutoCloseable {
    private final OneInputStreamOperatorTestHarness<Alert, Void> harness;

    private RunningOperator(OneInputStreamOperatorTestHarness<Alert, Void> harness) {
        this.harness = harness;
    }

    /** Starts with empty state ({@code restored} null) or restored from a snapshot. */
    static RunningOperator start(AlertmanagerConfig config, OperatorSubtaskState restored) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<Alert, Void>(new AlertmanagerOperator(config, null));
        harness.setProcessingTime(System.currentTimeMillis());
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return new RunningOperator(harness);
    }

    void receive(Alert change) throws Exception {
        tick();
        harness.processElement(new StreamRecord<>(change));
    }

    /** Takes checkpoint {@code id}; nothing is told of its completion. */
    OperatorSubtaskState checkpoint(long id) throws Exception {
        tick();
        return harness.snapshot(id, System.currentTimeMillis());
    }

    /** Takes checkpoint {@code id} and reports it complete. */
    OperatorSubtaskState completeCheckpoint(long id) throws Exception {
        OperatorSubtaskState state = checkpoint(id);
        harness.notifyOfCompletedCheckpoint(id);
        return state;
    }

    /** Lets the operator's timers run until {@code condition} holds; false if it still does not after {@code limit}. */
    boolean runUntil(Callable<Boolean> condition, Duration limit) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            tick();
            if (condition.call()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Lets the operator's timers run for {@code span}. */
    void runFor(Duration span) throws Exception {
        runUntil(() -> false, span);
    }

    private void tick() throws Exception {
        harness.setProcessingTime(System.currentTimeMillis());
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
