package org.hotlinepulse.assessment;

import java.util.NavigableSet;

/**
 * Which size of line windows the assessment sums: the coarsest size the data has whose windows
 * never straddle a line's opening, closing or closure ({@code exact}); when no size is that fine,
 * the finest there is, each straddling window then counted on the side where most of its minutes
 * lie.
 */
record WindowChoice(int minutes, boolean exact) {

    /** @return null when {@code sizes} is empty (no line rows at all) */
    static WindowChoice choose(NavigableSet<Integer> sizes, ServiceSchedule schedule) {
        if (sizes.isEmpty()) {
            return null;
        }
        for (int size : sizes.descendingSet()) {
            if (schedule.alignsWith(size)) {
                return new WindowChoice(size, true);
            }
        }
        return new WindowChoice(sizes.first(), false);
    }
}
