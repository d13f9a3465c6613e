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
import org.junit.jupiter.api.Test;

class LineHealthStateUnitTest {

    @Test
    void stateIsAFlinkPojoAndRoundTripsThroughItsSerializer() throws IOException {
        TypeInformation<LineHealth> type = TypeInformation.of(LineHealth.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(LearnedBaseline.class)).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // fail instead of falling back to Kryo
        TypeSerializer<LineHealth> serializer = type.createSerializer(config);

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
}
