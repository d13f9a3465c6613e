package org.hotlinepulse.assessment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Writes a sorted list of days compactly, runs of consecutive days as ranges: {@code 2026-10-01..2026-10-11, 2026-10-20}. */
public final class DayRanges {
    private DayRanges() {}

    public static String format(List<LocalDate> days) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1).equals(days.get(j).plusDays(1))) {
                j++;
            }
            parts.add(i == j ? days.get(i).toString() : days.get(i) + ".." + days.get(j));
            i = j + 1;
        }
        return String.join(", ", parts);
    }
}
