package org.hotlinepulse.replay;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.alerts.AlertJson;
import org.hotlinepulse.avro.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** alerts.jsonl of a bounded job: the changes recorded by the job, collapsed into episodes after it. */
class ReplayAlertsIntegrationTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2).build());

    @Test
    void episodesAfterTheJobAndNoChangelogLeftBehind(@TempDir Path dir) throws Exception {
        Alert resolvedFiring = AlertFixtures.firing("ep-1", "037167890001", "2026-10-12T02:00:00Z");
        Alert resolved = AlertFixtures.resolved(resolvedFiring, "2026-10-12T02:40:00Z");
        Alert open = AlertFixtures.firing("ep-2", "037167890002", "2026-10-12T01:00:00Z");
        ReplayOutputs outputs = new ReplayOutputs(dir);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        outputs.alerts(env.fromData(Alert.class, resolvedFiring, open, resolved));
        env.execute("replay alerts test");

        outputs.writeAlertEpisodes();

        assertThat(Files.readAllLines(dir.resolve(ReplayOutputs.ALERTS), StandardCharsets.UTF_8))
                .containsExactly(AlertJson.episodeLine(open), AlertJson.episodeLine(resolved));
        assertThat(dir.resolve(ReplayOutputs.ALERT_CHANGES)).doesNotExist();
    }

    @Test
    void withoutAlertStreamTheFileIsEmpty(@TempDir Path dir) throws Exception {
        new ReplayOutputs(dir).writeAlertEpisodes();
        assertThat(dir.resolve(ReplayOutputs.ALERTS)).isEmptyFile();
    }
}
