package org.hotlinepulse.demo;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.directory.Department;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo at four times its default speed, read through its embedded store: every scripted
 * fault pages its alert type on its own line, every repairable one resolves, and every
 * department gets metrics rows.
 */
class DemoIntegrationTest {
    static final Set<AlertType> REPAIRED = EnumSet.of(AlertType.OUT_OF_SERVICE, AlertType.CONSTANT_BUSY,
            AlertType.UNANSWERED, AlertType.SILENT, AlertType.HIGH_ABANDONMENT, AlertType.PROBE_FAILED);

    @Test
    void everyScriptedFaultIsPagedAndEveryRepairedOneResolves() throws Exception {
        try (Demo demo = Demo.start(240, 1, "en", 0)) {
            long deadline = System.currentTimeMillis() + 150_000;
            List<Alert> alerts;
            do {
                Thread.sleep(500);
                alerts = demo.store().alerts(Instant.EPOCH);
            } while (!allSeen(alerts) && System.currentTimeMillis() < deadline);

            assertThat(alerts).extracting(Alert::getType).containsAll(EnumSet.complementOf(
                    EnumSet.of(AlertType.FEED_STALE)));
            assertThat(alerts).filteredOn(a -> a.getType() == AlertType.UNKNOWN_LINE)
                    .extracting(Alert::getLine).containsOnly("037199990000");
            assertThat(alerts).filteredOn(a -> REPAIRED.contains(a.getType()))
                    .allSatisfy(a -> assertThat(a.getState()).as(a.getSummary()).isEqualTo(AlertState.RESOLVED));
            assertThat(alerts).filteredOn(a -> a.getType() == AlertType.SILENT)
                    .extracting(Alert::getLine).containsOnly("037168880001");

            Set<String> departments = demo.store().windows(Scope.department, 15, Instant.EPOCH).stream()
                    .map(row -> row.key).collect(Collectors.toSet());
            assertThat(departments).containsExactlyInAnyOrderElementsOf(
                    demo.directory().departments().stream().map(Department::id).toList());
        }
    }

    private static boolean allSeen(List<Alert> alerts) {
        Set<AlertType> resolved = alerts.stream().filter(a -> a.getState() == AlertState.RESOLVED)
                .map(Alert::getType).collect(Collectors.toSet());
        boolean unknownLine = alerts.stream().anyMatch(a -> a.getType() == AlertType.UNKNOWN_LINE);
        return unknownLine && resolved.containsAll(REPAIRED);
    }
}
