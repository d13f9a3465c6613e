package org.hotlinepulse.assessment;

import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Rates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The monthly assessment of the generated October (AssessmentScenario) against sums and hand-computed outages. */
class MonthlyAssessorUnitTest {
    private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
    private static AssessmentScenario scenario;
    private static MonthlyAssessment assessment;
    private static Map<String, DepartmentAssessment> byId;

    @BeforeAll
    static void assess() throws Exception {
        scenario = new AssessmentScenario();
        assessment = MonthlyAssessor.assess(scenario.source(), AssessmentScenario.MONTH, NOW);
        byId = assessment.departments().stream().collect(Collectors.toMap(d -> d.department().id(), Function.identity()));
    }

    @Test
    void countsAreTheSumsOfTheWindowsInAndOutOfServiceHours() {
        for (String d : List.of("dept-a", "dept-b", "dept-c")) {
            assertThat(byId.get(d).inService()).as(d + " in service").isEqualTo(scenario.expectedInService.get(d));
            assertThat(byId.get(d).afterHours()).as(d + " after hours").isEqualTo(scenario.expectedAfterHours.get(d));
        }
        // The closure's four hours on B4 and A's calls outside hours are after-hours traffic.
        assertThat(byId.get("dept-b").afterHours().attempts).isEqualTo(4 * 2);
        assertThat(byId.get("dept-a").afterHours().attempts).isPositive();
        assertThat(byId.get("dept-c").afterHours().attempts).isZero();
    }

    @Test
    void ratesAreRecomputedFromTheSumsAndAveragingHourlyRatesWouldNotGiveThem() {
        Counts a = scenario.expectedInService.get("dept-a");
        DepartmentAssessment dept = byId.get("dept-a");
        assertThat(dept.rates().answerRate().value()).isEqualTo(a.answered / (double) a.attempts);
        assertThat(dept.rates().connectionRate().value()).isEqualTo(a.connected / (double) a.attempts);
        assertThat(dept.resolutionRate().value()).isEqualTo(a.resolved / (double) a.resolvedKnown);
        assertThat(dept.satisfactionMean().value()).isEqualTo(a.satisfactionSum / (double) a.satisfactionCount);
        assertThat(dept.satisfiedShare().value()).isEqualTo(a.satisfied / (double) a.satisfactionCount);

        double meanOfHourlyRates = scenario.inServiceWindows.get("dept-a").stream()
                .mapToDouble(c -> Rates.of(c).answerRate().value()).average().orElseThrow();
        assertThat(Math.abs(meanOfHourlyRates - dept.rates().answerRate().value())).isGreaterThan(0.1);
    }

    @Test
    void availabilityCountsOutagesInScheduledMinutesOfDaysWithData() {
        // A: 16 working days with data (18 in October: 22 weekdays − 5 holidays + the make-up Saturday,
        // less the 20th and 21st) × 6 h; lost 90 + 60 min (A1) and 60 + 30 min (A2; its busy spell lies inside A1's outage).
        assertAvailability("dept-a", 16 * 360, 150 + 90);
        // B: 29 days × 24 h; lost 60 min (B4 after its closure) and 120 min (B3 still open at the end).
        assertAvailability("dept-b", 29 * 1440, 60 + 120);
        // C: 16 × 8 h; lost 30 min on 8 Oct.
        assertAvailability("dept-c", 16 * 480, 30);
        assertThat(byId.get("dept-a").availability().ratio().fourDecimals()).isEqualTo("0.9583");
    }

    private static void assertAvailability(String department, long scheduledMinutes, long unavailableMinutes) {
        Availability a = byId.get(department).availability();
        assertThat(a.scheduledMillis()).as(department + " scheduled").isEqualTo(scheduledMinutes * 60_000);
        assertThat(a.unavailableMillis()).as(department + " unavailable").isEqualTo(unavailableMinutes * 60_000);
    }

    @Test
    void mttrIsTheMeanDurationOfResolvedOutages() {
        assertThat(byId.get("dept-a").alerts().mttrMinutes().value()).isEqualTo((270 + 30 + 210) / 3.0);
        assertThat(byId.get("dept-b").alerts().mttrMinutes().value()).isEqualTo(120.0);
        assertThat(byId.get("dept-b").alerts().openOutages()).isEqualTo(1);
        assertThat(byId.get("dept-c").alerts().mttrMinutes().value()).isEqualTo(7 * 1440 + 13 * 60 + 30.0);
    }

    @Test
    void alertsByTypeLinesOutOfServiceAndNumberAccuracy() {
        DepartmentAlerts a = byId.get("dept-a").alerts();
        assertThat(a.count(AlertType.OUT_OF_SERVICE)).isEqualTo(1); // the September one is not October's
        assertThat(a.count(AlertType.CONSTANT_BUSY)).isEqualTo(1);
        assertThat(a.count(AlertType.SILENT)).isEqualTo(1);
        assertThat(a.count(AlertType.HIGH_ABANDONMENT)).isEqualTo(1);
        assertThat(a.total()).isEqualTo(4);
        assertThat(byId.get("dept-b").alerts().total()).isEqualTo(3);
        assertThat(byId.get("dept-c").alerts().byType()).isEqualTo(Map.of(AlertType.PROBE_FAILED, 1));

        assertThat(a.linesOutOfService()).containsExactly(AssessmentScenario.A1);
        assertThat(byId.get("dept-c").alerts().linesOutOfService()).containsExactly(AssessmentScenario.C5);
        // A: A2 works, A1 was out of service; B: both work; C: C5 failed its probes, C6 passed them.
        assertThat(byId.get("dept-a").numberAccuracy().fourDecimals()).isEqualTo("0.5000");
        assertThat(byId.get("dept-b").numberAccuracy().fourDecimals()).isEqualTo("1.0000");
        assertThat(byId.get("dept-c").numberAccuracy().fourDecimals()).isEqualTo("0.5000");
        assertThat(byId.get("dept-c").linesListed()).isEqualTo(2);
        assertThat(byId.get("dept-c").linesWorking()).isEqualTo(1);
    }

    @Test
    void aLineThatConnectedNoCitizenShowsItWorksThroughItsPassedProbes() throws Exception {
        AssessmentScenario c6 = new AssessmentScenario();
        assertThat(c6.windows).filteredOn(w -> w.line().equals(AssessmentScenario.C6))
                .as("C6: rows with calls, none connected, every probe connected").isNotEmpty()
                .allSatisfy(w -> {
                    assertThat(w.counts().connected).isZero();
                    assertThat(w.counts().probeConnected).isEqualTo(1);
                });
        // The same month without its probe counts: C6 has shown nothing, C's accuracy falls to 0.
        c6.windows.replaceAll(w -> {
            Counts withoutProbes = w.counts().copy();
            withoutProbes.probeAttempts = 0;
            withoutProbes.probeConnected = 0;
            return new LineWindow(w.line(), w.start(), w.minutes(), withoutProbes);
        });
        DepartmentAssessment withoutProbes = MonthlyAssessor.assess(c6.source(), AssessmentScenario.MONTH, NOW)
                .departments().stream().filter(d -> d.department().id().equals("dept-c")).findFirst().orElseThrow();
        assertThat(withoutProbes.numberAccuracy().fourDecimals()).isEqualTo("0.0000");
        DepartmentAssessment withProbes = byId.get("dept-c");
        assertThat(withoutProbes.inService().attempts).as("probes are in no traffic figure")
                .isEqualTo(withProbes.inService().attempts);
        assertThat(withoutProbes.rates()).isEqualTo(withProbes.rates());
    }

    @Test
    void departmentsAreRankedByTheDocumentedCompositeScore() {
        assertThat(assessment.departments()).extracting(d -> d.department().id())
                .containsExactly("dept-b", "dept-a", "dept-c");
        assertThat(assessment.departments()).extracting(DepartmentAssessment::rank).containsExactly(1, 2, 3);
        for (DepartmentAssessment d : assessment.departments()) {
            Counts c = scenario.expectedInService.get(d.department().id());
            double expected = 100 * (30 * d.availability().ratio().value()
                    + 30 * (c.answered / (double) c.attempts)
                    + 20 * d.numberAccuracy().value()
                    + 10 * (c.resolved / (double) c.resolvedKnown)
                    + 10 * (c.satisfied / (double) c.satisfactionCount)) / 100;
            assertThat(d.score().doubleValue()).as(d.department().id()).isCloseTo(expected, within(0.0051));
            assertThat(d.score().scale()).isEqualTo(2);
        }
    }

    @Test
    void coverageNamesTheDaysWithoutDataAndTheWindowsSummed() {
        Coverage cov = assessment.coverage();
        assertThat(cov.daysWithoutData()).containsExactly(LocalDate.of(2026, 10, 20), LocalDate.of(2026, 10, 21));
        assertThat(cov.daysWithData()).hasSize(29);
        assertThat(assessment.isComplete()).isFalse();
        assertThat(cov.windowMinutes()).isEqualTo(60);
        assertThat(cov.windowsExact()).isTrue();
        assertThat(cov.straddlingWindows()).isZero();
        assertThat(cov.windowsRead()).isEqualTo(scenario.windows.size() - 2);
        assertThat(cov.episodesRead()).isEqualTo(scenario.episodes.size() - 1);
        assertThat(cov.assessedUntil()).isEqualTo(AssessmentScenario.at("2026-11-01T00:00+08:00"));
        assertThat(assessment.daily().get("dept-a")).doesNotContainKey(LocalDate.of(2026, 10, 20));
    }

    @Test
    void aMonthNotOverIsAssessedUpToNow() throws Exception {
        Instant midMonth = AssessmentScenario.at("2026-10-14T12:00+08:00");
        MonthlyAssessment partial = MonthlyAssessor.assess(scenario.source(), AssessmentScenario.MONTH, midMonth);
        assertThat(partial.coverage().assessedUntil()).isEqualTo(midMonth);
        assertThat(partial.coverage().daysWithData()).hasSize(14);
        DepartmentAssessment a = partial.departments().stream()
                .filter(d -> d.department().id().equals("dept-a")).findFirst().orElseThrow();
        // Working days 8, 9, 10, 12, 13 and the morning of the 14th: 5 × 6 h + 3 h.
        assertThat(a.availability().scheduledMillis()).isEqualTo((5 * 360 + 180) * 60_000L);
        assertThat(a.availability().unavailableMillis()).isEqualTo((150 + 60) * 60_000L);
        assertThatThrownBy(() -> MonthlyAssessor.assess(scenario.source(), AssessmentScenario.MONTH,
                AssessmentScenario.at("2026-09-30T12:00+08:00"))).hasMessageContaining("has not begun");
    }
}
