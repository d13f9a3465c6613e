package org.hotlinepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.avro.Outcome.ANSWERED;
import static org.hotlinepulse.avro.Outcome.FAILED;
import static org.hotlinepulse.avro.Outcome.NO_ANSWER;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.pipeline.Attempt;
import org.junit.jupiter.api.Test;

class LineHealthStateUnitTest {

    @Test
    void stateIsAFlinkPojoAndRoundTripsThroughItsSerializer() throws IOException {
        TypeInformation<LineHealth> type = TypeInformation.of(LineHealth.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(LearnedBaseline.class)).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<LineHealth> serializer = type.createSerializer(withoutKryo());

        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        s.calls("2026-10-12T09:00", 5, NO_ANSWER);
        s.probe("2026-10-12T09:06", FAILED);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(s.health, out);
        LineHealth copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(copy.isOpen(AlertType.UNANSWERED)).isTrue();
        assertThat(copy.unansweredMode).isEqualTo(s.health.unansweredMode);
        assertThat(copy.failedProbes).isEqualTo(1);
        assertThat(copy.learned.rate).containsExactly(s.health.learned.rate);
        // the copy goes on exactly as the original would
        var resolved = copy.onAttempt(new Attempt(AlertScenario.at("2026-10-12T09:30"), AlertScenario.at("2026-10-12T09:31"),
                ANSWERED, false, false, false), s.ctx());
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).getId()).isEqualTo(s.alerts.get(0).getId());
        assertThat(copy.onAttempt(new Attempt(AlertScenario.at("2026-10-12T09:40"), AlertScenario.at("2026-10-12T09:41"),
                FAILED, true, false, false), s.ctx())).extracting(a -> a.getType()).containsExactly(AlertType.PROBE_FAILED);
    }

    @Test
    void theDetectorsKeyedValueIsAFlinkPojoWithItsWaitingCallsInOrder() throws IOException {
        TypeInformation<LineWatch> type = TypeInformation.of(LineWatch.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<LineWatch> serializer = type.createSerializer(withoutKryo());

        LineWatch watch = new LineWatch();
        long t = AlertScenario.at("2026-10-12T09:00");
        watch.await(new Attempt(t + 2_000, t + 9_000, ANSWERED, false, false, false, "pbx-b"));
        watch.await(new Attempt(t, t + 5_000, FAILED, true, false, false));
        watch.await(new Attempt(t, t + 7_000, NO_ANSWER, false, true, false));
        watch.ruleDue = t + 60_000;
        watch.watched = true;
        watch.watchedSince = t - 1;
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(watch, out);
        LineWatch copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(copy.waiting).containsExactly(watch.waiting);
        assertThat(copy.takeFirstWaiting()).extracting(Attempt::outcome).containsExactly(FAILED, NO_ANSWER);
        assertThat(copy.firstWaiting()).isEqualTo(t + 2_000);
        assertThat(copy.ruleDue).isEqualTo(watch.ruleDue);
        assertThat(copy.watchedSince).isEqualTo(watch.watchedSince);
    }

    private static SerializerConfigImpl withoutKryo() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // fail instead of falling back to Kryo
        return config;
    }
}
