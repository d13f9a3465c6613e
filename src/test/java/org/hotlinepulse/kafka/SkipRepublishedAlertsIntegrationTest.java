package org.hotlinepulse.kafka;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.testing.InProcessKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SkipRepublishedAlerts} against a real broker: the test publishes what the operator lets
 * through, as the at-least-once sink behind it does, and restores the operator from a checkpoint
 * as a restarted job would.
 */
class SkipRepublishedAlertsIntegrationTest {
    private static InProcessKafka kafka;

    private static final Alert A_FIRING = AlertFixtures.firing("a", "037167890001", "2026-10-12T01:00:00Z");
    private static final Alert A_RESOLVED = AlertFixtures.resolved(A_FIRING, "2026-10-12T01:30:00Z");
    private static final Alert B_FIRING = AlertFixtures.firing("b", "037167890002", "2026-10-12T01:05:00Z");
    private static final Alert B_RESOLVED = AlertFixtures.resolved(B_FIRING, "2026-10-12T01:40:00Z");
    private static final Alert C_FIRING = AlertFixtures.firing("c", "037167890003", "2026-10-12T01:10:00Z");
    private static final Alert D_FIRING = AlertFixtures.firing("d", "037167890004", "2026-10-12T01:20:00Z");

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new InProcessKafka();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void changesMadeAgainAfterARestoreAreNotPublishedTwiceAndNewOnesAre() throws Exception {
        String topic = topic("restore", 2);
        OperatorSubtaskState checkpoint;
        try (var harness = open(topic, null)) {
            assertThat(passAndPublish(harness, topic, A_FIRING, B_FIRING)).containsExactly(A_FIRING, B_FIRING);
            checkpoint = harness.snapshot(1, 1);
            assertThat(passAndPublish(harness, topic, A_RESOLVED, C_FIRING)).containsExactly(A_RESOLVED, C_FIRING);
            kafka.produce(topic, List.of(new ProducerRecord<>(topic, "x".getBytes(StandardCharsets.UTF_8),
                    "not an alert".getBytes(StandardCharsets.UTF_8))));
        }
        try (var restarted = open(topic, checkpoint)) {
            assertThat(passAndPublish(restarted, topic, A_RESOLVED, C_FIRING, B_RESOLVED, D_FIRING))
                    .as("what was published after the checkpoint is dropped once; the rest passes")
                    .containsExactly(B_RESOLVED, D_FIRING);
        }
        assertThat(changesOn(topic)).as("each (id, state) on the topic once")
                .containsExactlyInAnyOrder("a/FIRING", "b/FIRING", "a/RESOLVED", "c/FIRING", "b/RESOLVED",
                        "d/FIRING");
    }

    @Test
    void aJobStartedWithoutACheckpointPublishesEverything() throws Exception {
        String topic = topic("fresh", 1);
        publish(topic, List.of(A_FIRING));
        try (var harness = open(topic, null)) {
            assertThat(passAndPublish(harness, topic, A_FIRING, B_FIRING)).containsExactly(A_FIRING, B_FIRING);
        }
    }

    @Test
    void afterARestoreAtAnotherParallelismEachSubtaskKnowsWhatTheOthersPublished() throws Exception {
        String topic = topic("rescale", 3);
        OperatorSubtaskState first;
        OperatorSubtaskState second;
        try (var subtask0 = open(topic, null, 2, 0); var subtask1 = open(topic, null, 2, 1)) {
            passAndPublish(subtask0, topic, A_FIRING);
            first = subtask0.snapshot(1, 1);
            passAndPublish(subtask1, topic, B_FIRING);
            second = subtask1.snapshot(1, 1);
            passAndPublish(subtask0, topic, A_RESOLVED);
            passAndPublish(subtask1, topic, C_FIRING);
        }
        OperatorSubtaskState both = AbstractStreamOperatorTestHarness.repackageState(first, second);
        try (var restarted = open(topic, AbstractStreamOperatorTestHarness.repartitionOperatorState(
                both, 128, 2, 1, 0), 1, 0)) {
            assertThat(passAndPublish(restarted, topic, A_RESOLVED, C_FIRING, D_FIRING))
                    .as("what either subtask published after its snapshot is dropped")
                    .containsExactly(D_FIRING);
        }
        assertThat(changesOn(topic)).doesNotHaveDuplicates().hasSize(5);
    }

    private static OneInputStreamOperatorTestHarness<Alert, Alert> open(String topic, OperatorSubtaskState checkpoint)
            throws Exception {
        return open(topic, checkpoint, 1, 0);
    }

    private static OneInputStreamOperatorTestHarness<Alert, Alert> open(String topic, OperatorSubtaskState checkpoint,
                                                                         int parallelism, int subtask)
            throws Exception {
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", kafka.bootstrapServers());
        var harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new SkipRepublishedAlerts(client, topic)), 128, parallelism, subtask);
        if (checkpoint != null) {
            harness.initializeState(checkpoint);
        }
        harness.open();
        return harness;
    }

    /** Feeds the changes to the operator and publishes what comes out, as the sink behind it would. */
    private static List<Alert> passAndPublish(OneInputStreamOperatorTestHarness<Alert, Alert> harness, String topic,
                                              Alert... changes) throws Exception {
        for (Alert change : changes) {
            harness.processElement(change, 0L);
        }
        List<Alert> out = new ArrayList<>(harness.extractOutputValues());
        harness.getOutput().clear();
        publish(topic, out);
        return out;
    }

    private static void publish(String topic, List<Alert> changes) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Alert change : changes) {
            records.add(new ProducerRecord<>(topic, change.getId().getBytes(StandardCharsets.UTF_8),
                    AlertBytes.encode(change)));
        }
        kafka.produce(topic, records);
    }

    private static List<String> changesOn(String topic) throws Exception {
        List<String> changes = new ArrayList<>();
        for (var record : kafka.readAll(topic)) {
            if (!new String(record.value(), StandardCharsets.UTF_8).equals("not an alert")) {
                changes.add(AlertTopicTail.changeKey(AlertBytes.decode(record.value())));
            }
        }
        return changes;
    }

    private static String topic(String name, int partitions) throws Exception {
        String topic = "alerts-" + name;
        kafka.createTopics(Map.of(topic, partitions));
        return topic;
    }
}
