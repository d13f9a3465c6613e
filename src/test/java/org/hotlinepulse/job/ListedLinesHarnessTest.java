package org.hotlinepulse.job;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hotlinepulse.alerts.AlertThresholds;
import org.hotlinepulse.alerts.LineHealthDetector;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.directory.DirectoryYamlLoader;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.lines.LineWindowsAndHealth;
import org.hotlinepulse.metrics.LineWindows;
import org.hotlinepulse.metrics.MetricSettings;
import org.hotlinepulse.metrics.WindowMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines that never get a call, at parallelism 3: the per-line operator's subtasks each watch the
 * listed lines of their own key groups, so every such line goes SILENT once, from the subtask its
 * calls would go to. The lines are open 24x7 and expect 60 calls an hour: SILENT after 15 quiet minutes.
 */
class ListedLinesHarnessTest {
    static final int PARALLELISM = 3;
    static final long T0 = Instant.parse("2026-10-12T00:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;
    static final Directory DIRECTORY = directory(20);

    private final List<KeyedBroadcastOperatorTestHarness<String, InputRecord, Directory, WindowMetrics>> subtasks =
            new ArrayList<>();

    private static Directory directory(int lines) {
        StringBuilder yaml = new StringBuilder("timezone: Asia/Shanghai\ndepartments:\n  - {id: d, name: D}\nlines:\n");
        for (int i = 0; i < lines; i++) {
            yaml.append("  - {number: \"03710000").append(1000 + i)
                    .append("\", department: d, name: L, hours: 24x7, expected_calls_per_hour: 60}\n");
        }
        try {
            return DirectoryYamlLoader.parse(yaml.toString(), "test directory");
        } catch (DirectoryException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (var subtask : subtasks) {
            subtask.close();
        }
    }

    private void open(Directory listedAtStart) throws Exception {
        for (int i = 0; i < PARALLELISM; i++) {
            LineWindowsAndHealth function = new LineWindowsAndHealth(DIRECTORY,
                    new LineWindows(MetricSettings.DEFAULTS, List.of(1), Duration.ofHours(4), Duration.ofHours(24)),
                    new LineHealthDetector(AlertThresholds.defaults(), Duration.ZERO));
            subtasks.add(LineOperatorHarness.open(function, listedAtStart, PARALLELISM, i, null));
        }
    }

    private void watermark(long time) throws Exception {
        for (var subtask : subtasks) {
            subtask.processWatermark(time);
        }
    }

    /** The subtasks that sent SILENT, starting at {@code startsAt}, by line; the alerts are taken. */
    private Map<String, List<Integer>> silentBySubtask(long startsAt) {
        Map<String, List<Integer>> subtasksByLine = new HashMap<>();
        for (int i = 0; i < PARALLELISM; i++) {
            var alerts = subtasks.get(i).getSideOutput(LineWindowsAndHealth.ALERTS);
            for (StreamRecord<Alert> alert : alerts == null ? List.<StreamRecord<Alert>>of() : alerts) {
                assertThat(alert.getValue().getType()).isEqualTo(AlertType.SILENT);
                assertThat(alert.getValue().getStartsAt()).isEqualTo(Instant.ofEpochMilli(startsAt));
                subtasksByLine.computeIfAbsent(alert.getValue().getLine(), line -> new ArrayList<>()).add(i);
            }
            if (alerts != null) {
                alerts.clear();
            }
        }
        return subtasksByLine;
    }

    private static int subtaskOf(String line) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(line, LineOperatorHarness.MAX_PARALLELISM,
                PARALLELISM);
    }

    @Test
    void eachLineOfTheDirectoryAtStartGoesSilentOnceFromTheSubtaskItsCallsGoTo() throws Exception {
        open(DIRECTORY);
        watermark(T0);
        watermark(T0 + 15 * MINUTE - 1);
        assertThat(silentBySubtask(T0 + 15 * MINUTE)).isEmpty();

        watermark(T0 + 16 * MINUTE);
        Map<String, List<Integer>> silent = silentBySubtask(T0 + 15 * MINUTE);
        assertThat(silent).hasSize(DIRECTORY.lines().size());
        for (Line line : DIRECTORY.lines()) {
            assertThat(silent.get(line.number())).as(line.number()).containsExactly(subtaskOf(line.number()));
        }
        assertThat(silent.values().stream().distinct()).as("every subtask watches lines of its own").hasSize(PARALLELISM);
    }

    @Test
    void aLineAReloadAddsGoesSilentOnceFromTheSubtaskItsCallsGoTo() throws Exception {
        List<Line> lines = List.copyOf(DIRECTORY.lines());
        Line added = lines.get(lines.size() - 1);
        open(Directory.of(DIRECTORY.calendar(), DIRECTORY.departments(), lines.subList(0, lines.size() - 1),
                DIRECTORY.closures()));
        watermark(T0);
        watermark(T0 + MINUTE);
        for (var subtask : subtasks) {
            // A broadcast version reaches every subtask.
            subtask.processBroadcastElement(DIRECTORY, T0 + MINUTE);
        }
        watermark(T0 + 15 * MINUTE);
        assertThat(silentBySubtask(T0 + 15 * MINUTE)).as("the lines listed at start").hasSize(lines.size() - 1)
                .doesNotContainKey(added.number());

        watermark(T0 + 16 * MINUTE - 1);
        assertThat(silentBySubtask(T0 + 16 * MINUTE)).isEmpty();
        watermark(T0 + 16 * MINUTE);
        assertThat(silentBySubtask(T0 + 16 * MINUTE)).as("listed at T0 + 1 min, the event time of the watermark then")
                .containsOnlyKeys(added.number())
                .containsEntry(added.number(), List.of(subtaskOf(added.number())));
    }
}
