package org.hotlinepulse.assessment;

import org.hotlinepulse.metrics.Counts;

import java.time.Instant;

/** One line-level metrics row (contract §4) as the assessment reads it: a line, a window, its counts. */
public record LineWindow(String line, Instant start, int minutes, Counts counts) {

    /** The end of the window (exclusive). */
    public Instant end() {
        return start.plusSeconds(minutes * 60L);
    }
}
