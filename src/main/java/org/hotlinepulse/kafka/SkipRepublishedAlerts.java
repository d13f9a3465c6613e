package org.hotlinepulse.kafka;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.hotlinepulse.avro.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Lets the alerts topic be written at least once, each change the moment it is made, and still
 * hold every (episode id, state) once. Each checkpoint records where the topic ends; after a
 * restore the job emits again the changes it made between that checkpoint and the failure, which
 * the topic already holds: they are read from the recorded offsets on, and dropped when they come
 * again. Changes written before the checkpoint lie before those offsets and are never emitted
 * again, since the restored rule state has them.
 *
 * <p>Kafka transactions would give the same topic, but each change would wait for the checkpoint
 * that commits it: up to a checkpoint interval on every page.
 */
public final class SkipRepublishedAlerts extends ProcessFunction<Alert, Alert> implements CheckpointedFunction {
    private static final Logger LOG = LoggerFactory.getLogger(SkipRepublishedAlerts.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);

    private final Properties clientProperties;
    private final String topic;
    private transient AlertTopicTail tail;
    private transient ListState<Tuple2<Integer, Long>> topicEnds;
    private transient Set<String> published;

    public SkipRepublishedAlerts(Properties clientProperties, String topic) {
        this.clientProperties = clientProperties;
        this.topic = topic;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        // Union state: every subtask reads the whole tail, whichever of them re-emits a change.
        topicEnds = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("alerts-topic-ends", Types.TUPLE(Types.INT, Types.LONG)));
        tail = new AlertTopicTail(clientProperties, topic, KAFKA_TIMEOUT);
        Map<Integer, Long> from = new HashMap<>();
        for (Tuple2<Integer, Long> end : topicEnds.get()) {
            from.merge(end.f0, end.f1, Math::min);
        }
        published = from.isEmpty() ? new HashSet<>() : tail.changesSince(from);
        if (!from.isEmpty()) {
            LOG.info("{} holds {} alert changes made after the restored checkpoint; they are not written again",
                    topic, published.size());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Tuple2<Integer, Long>> ends = new ArrayList<>();
        tail.endOffsets().forEach((partition, end) -> ends.add(Tuple2.of(partition, end)));
        topicEnds.update(ends);
    }

    @Override
    public void processElement(Alert change, Context context, Collector<Alert> out) {
        if (published.isEmpty() || !published.remove(AlertTopicTail.changeKey(change))) {
            out.collect(change);
        }
    }

    @Override
    public void close() {
        if (tail != null) {
            tail.close();
        }
    }
}
