package org.hotlinepulse.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What one assessment was judged on: its source, the days of the month with data and without,
 * how far it reaches, the window size summed and how cleanly it split at service hours.
 *
 * @param assessedUntil the end of the month, or the generation time when the month is not over
 * @param windowMinutes the size of the line windows summed; 0 when there were none
 * @param windowsExact whether no window straddled a change of service hours or a closure
 * @param straddlingWindows windows counted on the side where most of their minutes lie
 * @param unlistedLines numbers with metrics rows but not in the directory, left out
 */
public record Coverage(String source, List<LocalDate> daysWithData, List<LocalDate> daysWithoutData,
                       Instant assessedUntil, int windowMinutes, boolean windowsExact, long windowsRead,
                       long straddlingWindows, List<String> unlistedLines, long unlistedWindows, int episodesRead) {

    /** Every day of the month had data and the month is over. */
    public boolean isComplete(AssessmentMonth month) {
        return daysWithoutData.isEmpty() && !assessedUntil.isBefore(month.end());
    }
}
