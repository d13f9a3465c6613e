package org.hotlinepulse.demo;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.directory.Department;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo at four times its default speed, read through its embedded store: every scripted
 * fault pages its alert type on its own line (FEED_STALE on the housing department's feed, with no
 * SILENT for its lines), every repairable one resolves, and every department gets metrics rows.
 */
class DemoIntegrationTest {
    static final Set<AlertType> REPAIRED = EnumSet.of(AlertType.OUT_OF_SERVICE, AlertType.CONSTANT_BUSY,
            AlertType.UNANSWERED, AlertType.SILENT, AlertType.HIGH_ABANDONMENT, AlertType.PROBE_FAILED,
            AlertType.FEED_STALE);
    static final List<String> HOUSING_LINES = List.of("037169990001", "037169990002");

    @Test
    void everyScriptedFaultIsPagedAndEveryRepairedOneResolves() throws Exception {
        try (Demo demo = Demo.start(240, 1, "en", 0)) {
            long deadline = System.currentTimeMillis() + 150_000;
            List<Alert> alerts;
            do {
                Thread.sleep(500);
                alerts = demo.store().alerts(Instant.EPOCH);
            } while (!allSeen(alerts) && System.currentTimeMillis() < deadline);

            assertThat(alerts).extracting(Alert::getType).containsAll(EnumSet.allOf(AlertType.class));
            assertThat(alerts).filteredOn(a -> a.getType() == AlertType.UNKNOWN_LINE)
                    .extracting(Alert::getLine).containsOnly("037199990000");
            assertThat(alerts).filteredOn(a -> REPAIRED.contains(a.getType()))
                    .allSatisfy(a -> assertThat(a.getState()).as(a.getSummary()).isEqualTo(AlertState.RESOLVED));
            assertThat(alerts).filteredOn(a -> a.getType() == AlertType.SILENT)
                    .extracting(Alert::getLine).containsOnly("037168880001").doesNotContainAnyElementsOf(HOUSING_LINES);
            List<Alert> feedStale = alerts.stream().filter(a -> a.getType() == AlertType.FEED_STALE).toList();
            assertThat(feedStale).singleElement().satisfies(a -> {
                assertThat(a.getLabels()).containsEntry("source", "pbx-zy-housing");
                assertThat(a.getLine()).isNull();
                // 10 minutes after the feed's last CDR, until its first one after the repair.
                assertThat(a.getStartsAt()).isBetween(Demo.START.plus(Duration.ofMinutes(88)),
                        Demo.START.plus(Duration.ofMinutes(90)));
                assertThat(a.getEndsAt()).isBetween(Demo.START.plus(Duration.ofMinutes(110)),
                        Demo.START.plus(Duration.ofMinutes(112)));
            });
            assertThat(demo.directory().lines()).filteredOn(line -> line.departmentId().equals("zy-housing"))
                    .extracting(line -> line.number()).containsExactlyInAnyOrderElementsOf(HOUSING_LINES);

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
