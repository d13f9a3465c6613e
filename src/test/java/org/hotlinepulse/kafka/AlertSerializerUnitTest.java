package org.hotlinepulse.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AlertSerializerUnitTest {

    @Test
    void keyIsTheEpisodeIdAndValueDecodesBackToTheSameAlert() throws Exception {
        Alert firing = AlertFixtures.firing("a1b2c3", "037167890001", "2026-10-12T02:00:00Z");
        Alert resolved = AlertFixtures.resolved(firing, "2026-10-12T02:40:00Z");
        AlertSerializer serializer = new AlertSerializer("hotline.alerts");

        for (Alert alert : new Alert[] {firing, resolved}) {
            ProducerRecord<byte[], byte[]> message = serializer.serialize(alert, null, null);
            assertThat(message.topic()).isEqualTo("hotline.alerts");
            assertThat(new String(message.key(), StandardCharsets.UTF_8)).isEqualTo("a1b2c3");
            // single-object encoding: marker C3 01, then the 8-byte schema fingerprint
            assertThat(message.value()[0]).isEqualTo((byte) 0xC3);
            assertThat(message.value()[1]).isEqualTo((byte) 0x01);
            assertThat(Alert.fromByteBuffer(ByteBuffer.wrap(message.value()))).isEqualTo(alert);
        }
        Alert decoded = Alert.fromByteBuffer(ByteBuffer.wrap(serializer.serialize(resolved, null, null).value()));
        assertThat(decoded.getEndsAt()).isEqualTo(Instant.parse("2026-10-12T02:40:00Z"));
        assertThat(decoded.getSummary()).startsWith("037167890001 号线路无人接听 | ");
    }
}
