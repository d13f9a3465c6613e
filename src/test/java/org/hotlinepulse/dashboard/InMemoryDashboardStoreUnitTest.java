package org.hotlinepulse.dashboard;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.metrics.WindowMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.dashboard.DashboardFixtures.CARD_LOSS;
import static org.hotlinepulse.dashboard.DashboardFixtures.SOCIAL_SECURITY;
import static org.hotlinepulse.dashboard.DashboardFixtures.ZHONGYUAN;
import static org.hotlinepulse.dashboard.DashboardFixtures.counts;
import static org.hotlinepulse.dashboard.DashboardFixtures.departmentRow;
import static org.hotlinepulse.dashboard.DashboardFixtures.firing;
import static org.hotlinepulse.dashboard.DashboardFixtures.lineRow;
import static org.hotlinepulse.dashboard.DashboardFixtures.resolved;

class InMemoryDashboardStoreUnitTest {
    private static final Instant T = Instant.parse("2026-10-12T02:00:00Z");

    private InMemoryDashboardStore store;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryDashboardStore(DashboardFixtures.exampleDirectory(), Duration.ofHours(2));
    }

    @Test
    void aLaterValueOfARowReplacesTheEarlierOneAndTheCallerMayReuseItsObject() {
        WindowMetrics row = lineRow(ZHONGYUAN, SOCIAL_SECURITY, T, 15, counts(1, 0, 0, 0));
        store.put(row);
        row.counts.attempts = 99; // a sink that reuses its object must not change the stored row
        store.put(lineRow(ZHONGYUAN, SOCIAL_SECURITY, T, 15, counts(2, 1, 0, 0)));
        store.put(lineRow(ZHONGYUAN, SOCIAL_SECURITY, T, 60, counts(5, 0, 0, 0)));
        store.put(departmentRow(SOCIAL_SECURITY, T, 15, counts(3, 0, 0, 0)));

        List<WindowMetrics> rows = store.windows(Scope.line, 15, T);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).counts).isEqualTo(counts(2, 1, 0, 0));
        assertThat(store.windows(Scope.line, 15, T.plusSeconds(1))).isEmpty();
        assertThat(store.windows(Scope.department, 15, T)).extracting(r -> r.key).containsExactly(SOCIAL_SECURITY);
    }

    @Test
    void rowsOlderThanTheRetentionBeforeTheNewestAreDropped() {
        store.put(departmentRow(SOCIAL_SECURITY, T, 15, counts(1, 0, 0, 0)));
        store.put(departmentRow(SOCIAL_SECURITY, T.plus(Duration.ofHours(2)), 15, counts(1, 0, 0, 0)));
        assertThat(store.windows(Scope.department, 15, Instant.EPOCH)).hasSize(2);
        store.put(departmentRow(SOCIAL_SECURITY, T.plus(Duration.ofHours(2)).plusSeconds(900), 15, counts(1, 0, 0, 0)));
        assertThat(store.windows(Scope.department, 15, Instant.EPOCH)).extracting(r -> Instant.ofEpochMilli(r.windowStart))
                .containsExactly(T.plus(Duration.ofHours(2)), T.plus(Duration.ofHours(2)).plusSeconds(900));
    }

    @Test
    void aResolvedEpisodeStaysResolvedWhenItsFiringComesAgain() {
        Alert open = firing("ep", AlertType.OUT_OF_SERVICE, CARD_LOSS, SOCIAL_SECURITY, T);
        store.put(open);
        assertThat(store.alerts(Instant.MAX)).extracting(Alert::getState).containsExactly(AlertState.FIRING);
        store.put(resolved(open, T.plusSeconds(600)));
        store.put(open);
        assertThat(store.alerts(T)).extracting(Alert::getState).containsExactly(AlertState.RESOLVED);
        // resolved before the given instant: no longer listed
        assertThat(store.alerts(T.plusSeconds(601))).isEmpty();
    }

    @Test
    void theVersionMovesWithEveryChangeThatIsKept() {
        long start = store.version();
        store.put(departmentRow(SOCIAL_SECURITY, T, 15, counts(1, 0, 0, 0)));
        long afterRow = store.version();
        assertThat(afterRow).isGreaterThan(start);
        Alert open = firing("ep", AlertType.SILENT, CARD_LOSS, SOCIAL_SECURITY, T);
        store.put(resolved(open, T.plusSeconds(60)));
        long afterResolve = store.version();
        assertThat(afterResolve).isGreaterThan(afterRow);
        store.put(open); // ignored: the episode is over
        assertThat(store.version()).isEqualTo(afterResolve);
    }
}
