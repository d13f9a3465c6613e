package org.hotlinepulse.metrics;

import org.hotlinepulse.avro.Scope;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsCsvUnitTest {

    @Test
    void headerStartsWithTheContractColumnsInOrder() {
        assertThat(MetricsCsv.HEADER).startsWith("scope,key,window_start,window_minutes,attempts,"
                + "connected,answered,abandoned,short_abandoned,no_answer,busy,failed,"
                + "answered_within_sl,wait_ms_sum,talk_ms_sum,connection_rate,answer_rate,"
                + "abandonment_rate,service_level");
    }

    @Test
    void theProbeCountsAreTheLastColumns() {
        assertThat(MetricsCsv.HEADER).endsWith(",satisfied,department,probe_attempts,probe_connected");
    }

    @Test
    void rowHasIsoUtcStartFourDecimalRatesAndEmptyUndefinedRates() {
        Counts c = new Counts();
        c.attempts = 3;
        c.connected = 2;
        c.answered = 0;
        c.abandoned = 2;
        c.shortAbandoned = 2;
        c.probeAttempts = 4;
        c.probeConnected = 3;
        WindowMetrics m = new WindowMetrics(Scope.line, "037167890001", "zz-social-security",
                Instant.parse("2026-10-12T01:00:00Z").toEpochMilli(), 15, c);
        String[] fields = MetricsCsv.row(m).split(",", -1);
        String[] header = MetricsCsv.HEADER.split(",");
        assertThat(fields).hasSameSizeAs(header);
        assertThat(fields[0]).isEqualTo("line");
        assertThat(fields[1]).isEqualTo("037167890001");
        assertThat(fields[2]).isEqualTo("2026-10-12T01:00:00Z");
        assertThat(fields[3]).isEqualTo("15");
        assertThat(fields[15]).as("connection_rate").isEqualTo("0.6667");
        assertThat(fields[16]).as("answer_rate").isEqualTo("0.0000");
        assertThat(fields[17]).as("abandonment_rate").isEmpty();
        assertThat(fields[18]).as("service_level").isEmpty();
        assertThat(fields[header.length - 3]).isEqualTo("zz-social-security");
        assertThat(fields[header.length - 2]).as("probe_attempts").isEqualTo("4");
        assertThat(fields[header.length - 1]).as("probe_connected").isEqualTo("3");
    }

    @Test
    void keysWithCommasAreQuoted() {
        assertThat(MetricsCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(MetricsCsv.field("say \"hi\", x")).isEqualTo("\"say \"\"hi\"\", x\"");
    }
}
