package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.Counts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One run of the monthly assessment: the ranked scorecards and what the report draws besides
 * them (each department's in-service counts per day, its lines' alert episodes), with the
 * coverage of its inputs.
 *
 * @param version the run id under which it is stored in PostgreSQL; 0 when not stored
 * @param daily per department id, in-service counts per local day (days without traffic absent)
 * @param episodes per department id, the episodes of its lines open during the month
 */
public record MonthlyAssessment(AssessmentMonth month, Instant generatedAt, long version, Coverage coverage,
                                List<DepartmentAssessment> departments, Map<String, SortedMap<LocalDate, Counts>> daily,
                                Map<String, List<AlertEpisode>> episodes, Directory directory) {

    public boolean isComplete() {
        return coverage.isComplete(month);
    }

    /** The same assessment stored under {@code runId}. */
    public MonthlyAssessment withVersion(long runId) {
        return new MonthlyAssessment(month, generatedAt, runId, coverage, departments, daily, episodes, directory);
    }
}
