package org.hotlinepulse.pipeline;

import org.apache.flink.streaming.api.TimerService;

/**
 * A keyed function that keeps one event-time timer per key, at the key's next due moment, and
 * remembers in its state where that timer is: when the moment moves, the old timer goes.
 */
public final class OneTimerPerKey {
    /** No timer: nothing is due. */
    public static final long NONE = Long.MAX_VALUE;

    private OneTimerPerKey() {}

    /** Moves the key's timer from {@code registered} to {@code due} (either may be {@link #NONE}); returns {@code due}. */
    public static long move(TimerService timers, long registered, long due) {
        if (due != registered) {
            if (registered != NONE) {
                timers.deleteEventTimeTimer(registered);
            }
            if (due != NONE) {
                timers.registerEventTimeTimer(due);
            }
        }
        return due;
    }
}
