package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.Department;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Ratio;
import org.hotlinepulse.metrics.Rates;

import java.math.BigDecimal;

/**
 * One department's scorecard for a month (contract §10): summed counts, rates recomputed from them,
 * the assessment figures, availability, alerts, and its composite score and rank.
 *
 * @param linesWorking listed lines with at least one connected call or probe in the month and no
 *     OUT_OF_SERVICE or PROBE_FAILED episode
 * @param inService the §4 counts of windows inside the lines' scheduled service time
 * @param afterHours the counts of the other windows, reported apart
 * @param score the composite score (0 to 100, two decimals); null when no component is defined
 * @param rank 1 for the best score, equal scores sharing a rank; 0 when there is no score
 */
public record DepartmentAssessment(Department department, int linesListed, int linesWorking,
                                   Counts inService, Counts afterHours, Availability availability,
                                   DepartmentAlerts alerts, BigDecimal score, int rank) {

    /** 准确率: working lines / listed lines. */
    public Ratio numberAccuracy() {
        return new Ratio(linesWorking, linesListed);
    }

    /** The contract §4 rates of the in-service counts; answer_rate is 接听率. */
    public Rates rates() {
        return Rates.of(inService);
    }

    /** 当场办结率: resolved / resolved_known. */
    public Ratio resolutionRate() {
        return new Ratio(inService.resolved, inService.resolvedKnown);
    }

    /** Mean survey score, 1 to 5. */
    public Ratio satisfactionMean() {
        return new Ratio(inService.satisfactionSum, inService.satisfactionCount);
    }

    /** Share of survey scores ≥ 4. */
    public Ratio satisfiedShare() {
        return new Ratio(inService.satisfied, inService.satisfactionCount);
    }

    /** This scorecard with its score and rank set. */
    DepartmentAssessment ranked(BigDecimal newScore, int newRank) {
        return new DepartmentAssessment(department, linesListed, linesWorking, inService, afterHours, availability,
                alerts, newScore, newRank);
    }
}
