package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.Directory;

import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import java.util.function.Consumer;

/**
 * Where an assessment reads what the metrics job wrote: the line-level metrics rows and the alert
 * episodes, with the directory that says which lines each department publishes. Implemented over
 * a replay's output folder ({@link ReplayOutputSource}) and over PostgreSQL.
 */
public interface AssessmentSource {

    /** What the data came from, for the report's coverage section (no password in it). */
    String description();

    /** The line directory the assessment groups and schedules lines by. */
    Directory directory();

    /** The window sizes (minutes) of the line rows whose window starts in [from, to). */
    NavigableSet<Integer> lineWindowSizes(Instant from, Instant to) throws AssessmentInputException;

    /** Hands every line row of this window size whose window starts in [from, to) to {@code sink}. */
    void lineWindows(Instant from, Instant to, int minutes, Consumer<LineWindow> sink) throws AssessmentInputException;

    /** The alert episodes open at some instant of [from, to). */
    List<AlertEpisode> episodes(Instant from, Instant to) throws AssessmentInputException;
}
