package org.hotlinepulse.dashboard;

import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.dashboard.DashboardSnapshot.BoardDepartment;
import org.hotlinepulse.dashboard.DashboardSnapshot.DepartmentRow;
import org.hotlinepulse.dashboard.DashboardSnapshot.Trend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.dashboard.DashboardFixtures.CARD_LOSS;
import static org.hotlinepulse.dashboard.DashboardFixtures.MEDICAL_INSURANCE;
import static org.hotlinepulse.dashboard.DashboardFixtures.SOCIAL_SECURITY;
import static org.hotlinepulse.dashboard.DashboardFixtures.ZHONGYUAN;
import static org.hotlinepulse.dashboard.DashboardFixtures.counts;
import static org.hotlinepulse.dashboard.DashboardFixtures.departmentRow;
import static org.hotlinepulse.dashboard.DashboardFixtures.firing;
import static org.hotlinepulse.dashboard.DashboardFixtures.lineRow;
import static org.hotlinepulse.dashboard.DashboardFixtures.resolved;

class DashboardViewUnitTest {
    private static final Instant NOW = Instant.parse("2026-10-12T03:07:00Z");
    private static final Instant CURRENT = Instant.parse("2026-10-12T02:45:00Z");

    private InMemoryDashboardStore store;
    private DashboardView view;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryDashboardStore(DashboardFixtures.exampleDirectory());
        view = new DashboardView(store, DashboardSettings.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void lastHourSumsTheCountsOfItsWindowsAndRecomputesTheRates() throws Exception {
        // The hour that ends with the current window (02:45-03:00) is 02:00-03:00: 01:45 is not in it.
        store.put(departmentRow(SOCIAL_SECURITY, Instant.parse("2026-10-12T01:45:00Z"), 15, counts(0, 0, 0, 100)));
        store.put(departmentRow(SOCIAL_SECURITY, Instant.parse("2026-10-12T02:00:00Z"), 15, counts(90, 0, 0, 10)));
        store.put(departmentRow(SOCIAL_SECURITY, CURRENT, 15, counts(1, 0, 0, 9)));

        DepartmentRow row = tableRow(view.snapshot(), SOCIAL_SECURITY);
        assertThat(row.current().offered()).isEqualTo(10);
        assertThat(row.current().answerRate()).isEqualTo(0.1);
        assertThat(row.current().status()).containsEntry("answerRate", "bad");
        assertThat(row.lastHour().offered()).isEqualTo(110);
        // 91 / 110, not the mean of 0.9 and 0.1
        assertThat(row.lastHour().answerRate()).isEqualTo(91 / 110.0);
        assertThat(row.lastHour().status()).containsEntry("answerRate", "warn");
    }

    @Test
    void aDepartmentWithoutARowInTheCurrentWindowOffersNothingAndHasNoRates() throws Exception {
        store.put(departmentRow(SOCIAL_SECURITY, CURRENT, 15, counts(5, 0, 0, 0)));
        store.put(departmentRow(MEDICAL_INSURANCE, CURRENT.minus(Duration.ofMinutes(15)), 15, counts(5, 0, 0, 0)));

        DashboardSnapshot snapshot = view.snapshot();
        assertThat(snapshot.currentWindowStart()).isEqualTo(CURRENT);
        DepartmentRow medical = tableRow(snapshot, MEDICAL_INSURANCE);
        assertThat(medical.current().offered()).isZero();
        assertThat(medical.current().connectionRate()).isNull();
        assertThat(medical.current().status()).containsEntry("connectionRate", "none");
        assertThat(medical.lastHour().offered()).isEqualTo(5);
    }

    @Test
    void theBoardListsEveryLineWithProblemLinesAndTheirDepartmentsFirst() throws Exception {
        store.put(firing("warn", AlertType.SILENT, "037168880002", MEDICAL_INSURANCE, CURRENT.minus(Duration.ofHours(1))));
        store.put(firing("crit", AlertType.OUT_OF_SERVICE, "037168880003", MEDICAL_INSURANCE, CURRENT));
        store.put(resolved(firing("gone", AlertType.CONSTANT_BUSY, ZHONGYUAN, SOCIAL_SECURITY, CURRENT), CURRENT.plusSeconds(60)));
        store.put(firing("stale", AlertType.FEED_STALE, null, null, CURRENT));

        DashboardSnapshot snapshot = view.snapshot();
        List<BoardDepartment> board = snapshot.board();
        assertThat(board).extracting(BoardDepartment::id).startsWith(MEDICAL_INSURANCE).contains(SOCIAL_SECURITY);
        BoardDepartment medical = board.get(0);
        assertThat(medical.problemLines()).isEqualTo(2);
        // critical before warning, then the healthy line in directory order
        assertThat(medical.lines()).extracting(DashboardSnapshot.BoardLine::number)
                .containsExactly("037168880003", "037168880002", "037168880001");
        assertThat(medical.lines().get(0).alerts()).extracting(DashboardSnapshot.LineAlert::type).containsExactly("OUT_OF_SERVICE");
        BoardDepartment social = board.stream().filter(d -> d.id().equals(SOCIAL_SECURITY)).findFirst().orElseThrow();
        assertThat(social.problemLines()).isZero();
        assertThat(social.lines()).extracting(DashboardSnapshot.BoardLine::number)
                .containsExactly(ZHONGYUAN, "037167890002", CARD_LOSS);

        assertThat(snapshot.openAlerts()).extracting(DashboardSnapshot.AlertView::id).containsExactly("warn", "crit", "stale");
        assertThat(snapshot.openAlerts().get(1).lineName()).isEqualTo("医保基金监管举报");
        assertThat(snapshot.openAlerts().get(1).departmentName()).isEqualTo("郑州市医疗保障局");
        assertThat(snapshot.resolvedAlerts()).extracting(DashboardSnapshot.AlertView::id).containsExactly("gone");
    }

    @Test
    void trendsHaveOnePointPerWindowUpToTheCurrentOneWithGapsAsZeroCalls() throws Exception {
        store.put(lineRow(ZHONGYUAN, SOCIAL_SECURITY, CURRENT.minus(Duration.ofMinutes(30)), 15, counts(3, 0, 0, 1)));
        store.put(lineRow(ZHONGYUAN, SOCIAL_SECURITY, CURRENT, 15, counts(2, 0, 0, 0)));
        store.put(lineRow(CARD_LOSS, SOCIAL_SECURITY, CURRENT, 15, counts(7, 0, 0, 0)));

        Trend trend = view.lineTrend(ZHONGYUAN);
        // 6 trend hours back from 03:07, aligned to 15 minutes: 21:00 .. 02:45, 24 windows
        assertThat(trend.t()).hasSize(24);
        assertThat(trend.t().get(0)).isEqualTo(Instant.parse("2026-10-11T21:00:00Z").getEpochSecond());
        assertThat(trend.t().get(23)).isEqualTo(CURRENT.getEpochSecond());
        assertThat(trend.offered().subList(21, 24)).containsExactly(4L, 0L, 2L);
        assertThat(trend.answerRate().subList(21, 24)).containsExactly(0.75, null, 1.0);
        assertThat(view.lineTrend("99999")).isNull();
    }

    @Test
    void withoutAnyRowThereIsNoCurrentWindowAndNoTrend() throws Exception {
        DashboardSnapshot snapshot = view.snapshot();
        assertThat(snapshot.currentWindowStart()).isNull();
        assertThat(snapshot.timezone()).isEqualTo("Asia/Shanghai");
        assertThat(snapshot.departments()).hasSize(4);
        assertThat(snapshot.departmentTrends().get(SOCIAL_SECURITY).t()).isEmpty();
        assertThat(Arrays.asList(snapshot.departments().get(0).name())).containsExactly("郑州市社会保险中心");
    }

    private static DepartmentRow tableRow(DashboardSnapshot snapshot, String id) {
        return snapshot.departments().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }
}
