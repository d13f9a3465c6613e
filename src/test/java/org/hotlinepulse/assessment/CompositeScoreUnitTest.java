package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.Department;
import org.hotlinepulse.metrics.Counts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The composite score's weights, renormalisation over defined components, and shared ranks. */
class CompositeScoreUnitTest {

    private static DepartmentAssessment department(String id, long answered, long attempts, long available,
                                                   int linesWorking, long resolved, long resolvedKnown) {
        Counts c = new Counts();
        c.attempts = attempts;
        c.answered = answered;
        c.connected = answered;
        c.resolved = resolved;
        c.resolvedKnown = resolvedKnown;
        return new DepartmentAssessment(new Department(id, id), 2, linesWorking, c, new Counts(),
                new Availability(1000, 1000 - available), new DepartmentAlerts(Map.of(), 0, 0, 0, Set.of()), null, 0);
    }

    @Test
    void weightedMeanOfTheDefinedComponents() {
        // availability 0.9 × 30, answer 0.8 × 30, accuracy 0.5 × 20, resolution 0.6 × 10; no surveys: out of 90.
        DepartmentAssessment d = department("x", 80, 100, 900, 1, 6, 10);
        assertThat(CompositeScore.of(d)).isEqualTo(new BigDecimal("74.44")); // (27 + 24 + 10 + 6) / 90 × 100 = 74.444…
    }

    @Test
    void equalScoresShareARankAndDepartmentsWithoutOneComeLast() {
        DepartmentAssessment best = department("b-best", 100, 100, 1000, 2, 1, 1);
        DepartmentAssessment tieZ = department("z-tie", 50, 100, 1000, 2, 1, 1);
        DepartmentAssessment tieA = department("a-tie", 50, 100, 1000, 2, 1, 1);
        DepartmentAssessment worst = department("c-worst", 10, 100, 1000, 2, 1, 1);
        DepartmentAssessment none = new DepartmentAssessment(new Department("n", "n"), 0, 0, new Counts(), new Counts(),
                new Availability(0, 0), new DepartmentAlerts(Map.of(), 0, 0, 0, Set.of()), null, 0);
        List<DepartmentAssessment> ranked = CompositeScore.rank(List.of(none, tieZ, worst, best, tieA));
        assertThat(ranked).extracting(d -> d.department().id()).containsExactly("b-best", "a-tie", "z-tie", "c-worst", "n");
        assertThat(ranked).extracting(DepartmentAssessment::rank).containsExactly(1, 2, 2, 4, 0);
        assertThat(ranked.get(4).score()).isNull();
    }
}
