package org.hotlinepulse.pipeline;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

import java.io.IOException;

/**
 * How far event time has got for the current key, as far as a keyed operator needs to know to
 * tell a late record from an on-time one, surviving a restore.
 *
 * <p>Flink does not checkpoint watermarks: a job restored from a checkpoint starts with the
 * watermark at {@code Long.MIN_VALUE} until the sources emit one. A late record processed in
 * that gap would be taken for an on-time one, added to a minute or window whose row was already
 * sent, and never sent again (its timer fired before the checkpoint). Every timer a key fires
 * proves the watermark had passed its time, and the latest one is kept in keyed state, so it is
 * part of the same checkpoint as the windows it closed or the rules it evaluated.
 */
public final class PassedWatermark {
    private final ValueState<Long> latestTimer;

    public PassedWatermark(RuntimeContext context) {
        latestTimer = context.getState(new ValueStateDescriptor<>("passed-watermark", Types.LONG));
    }

    /** The larger of the current watermark and the latest timer this key has fired. */
    public long current(TimerService timers) throws IOException {
        Long passed = latestTimer.value();
        long watermark = timers.currentWatermark();
        return passed == null ? watermark : Math.max(watermark, passed);
    }

    /**
     * Forgets the key's watermark once it has no window left to correct: anything arriving for
     * it later is past allowed lateness, and an idle key keeps no state.
     */
    public void forget() {
        latestTimer.clear();
    }

    /** Notes, from onTimer, that the watermark has passed {@code timestamp} for this key. */
    public void timerFired(long timestamp) throws IOException {
        Long passed = latestTimer.value();
        if (passed == null || timestamp > passed) {
            latestTimer.update(timestamp);
        }
    }
}
