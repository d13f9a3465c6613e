package org.hotlinepulse.kafka;

import org.hotlinepulse.avro.LineMetrics;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsSerializerUnitTest {

    @Test
    void everyCountLandsInTheFieldOfItsNameAndTheRatesAreRecomputed() throws Exception {
        Counts counts = Counts.ofColumnValues(LongStream.rangeClosed(1, Counts.COLUMNS.size()).map(i -> 100 + i).toArray());
        WindowMetrics row = new WindowMetrics(Scope.line, "037167890001", "zz-social-security", 3_600_000, 60, counts);

        LineMetrics avro = LineMetrics.fromByteBuffer(ByteBuffer.wrap(
                MetricsSerializer.toAvro(row).toByteBuffer().array()));

        for (int column = 0; column < Counts.COLUMNS.size(); column++) {
            assertThat(avro.get(Counts.COLUMNS.get(column))).as(Counts.COLUMNS.get(column)).isEqualTo(100L + column + 1);
        }
        assertThat(avro.getShortAbandoned()).isEqualTo(counts.shortAbandoned);
        assertThat(avro.getProbeConnected()).isEqualTo(counts.probeConnected);
        assertThat(avro.getKey()).isEqualTo("037167890001");
        assertThat(avro.getDepartment()).isEqualTo("zz-social-security");
        assertThat(avro.getWindowStart()).isEqualTo(Instant.ofEpochSecond(3_600));
        assertThat(avro.getWindowMinutes()).isEqualTo(60);
        assertThat(avro.getConnectionRate()).isEqualTo(row.rates().connectionRate().value());
        assertThat(avro.getAsaSeconds()).isEqualTo(row.rates().asaSeconds().value());
    }
}
