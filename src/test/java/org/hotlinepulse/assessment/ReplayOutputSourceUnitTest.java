package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** metrics.csv as the assessment reads it: the probe counts where the file has them, 0 where it predates them. */
class ReplayOutputSourceUnitTest {
    private static final String CONTRACT = "scope,key,window_start,window_minutes,attempts,connected,answered,"
            + "abandoned,short_abandoned,no_answer,busy,failed,answered_within_sl,wait_ms_sum,talk_ms_sum,"
            + "connection_rate,answer_rate,abandonment_rate,service_level,asa_seconds,resolved_known,resolved,"
            + "satisfaction_count,satisfaction_sum,satisfied,department";
    private static final String ROW = "line,037100000006,2026-10-12T01:00:00Z,60,1,0,0,0,0,0,1,0,0,0,0,"
            + "0.0000,0.0000,,,,0,0,0,0,0,dept-c";
    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    private List<LineWindow> read(String... lines) throws Exception {
        Files.write(dir.resolve("metrics.csv"), List.of(lines));
        ReplayOutputSource source = new ReplayOutputSource(dir, Directory.load(AssessmentScenario.DIRECTORY_YAML));
        List<LineWindow> windows = new ArrayList<>();
        source.lineWindows(FROM, TO, 60, windows::add);
        return windows;
    }

    @Test
    void theProbeCountsAreReadFromTheLastColumns() throws Exception {
        assertThat(read(CONTRACT + ",probe_attempts,probe_connected", ROW + ",4,3")).singleElement()
                .satisfies(w -> {
                    assertThat(w.counts().busy).isEqualTo(1);
                    assertThat(w.counts().probeAttempts).isEqualTo(4);
                    assertThat(w.counts().probeConnected).isEqualTo(3);
                });
    }

    @Test
    void aFolderWrittenBeforeTheProbeCountsReadsAsNoProbes() throws Exception {
        assertThat(read(CONTRACT, ROW)).singleElement().satisfies(w -> {
            assertThat(w.counts().attempts).isEqualTo(1);
            assertThat(w.counts().probeConnected).isZero();
        });
    }

    @Test
    void aBadProbeCountNamesFileLineAndField() {
        assertThatThrownBy(() -> read(CONTRACT + ",probe_attempts,probe_connected", ROW + ",4,x"))
                .isInstanceOf(AssessmentInputException.class)
                .hasMessage(dir.resolve("metrics.csv") + " line 2: field probe_connected \"x\" is not a whole number");
    }
}
