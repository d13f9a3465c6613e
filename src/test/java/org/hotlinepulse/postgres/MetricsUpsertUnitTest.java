package org.hotlinepulse.postgres;

import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Rates;
import org.hotlinepulse.metrics.WindowMetrics;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsUpsertUnitTest {

    @Test
    void everyCountOfCountsHasAColumnInFieldOrder() throws Exception {
        List<String> fields = new ArrayList<>();
        Counts counts = new Counts();
        long n = 1;
        for (Field f : Counts.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f.getName().replaceAll("([A-Z])", "_$1").toLowerCase());
                f.setLong(counts, n++);
            }
        }
        assertThat(MetricsUpsert.COUNT_COLUMNS).containsExactlyElementsOf(fields);
        // Each value lands in its own column: field i was set to i + 1.
        assertThat(counts.columnValues())
                .containsExactly(java.util.stream.LongStream.rangeClosed(1, fields.size()).toArray());
        assertThat(Counts.ofColumnValues(counts.columnValues())).as("and back").isEqualTo(counts);
    }

    @Test
    void theLineStatementUpsertsABatchOfArraysOnLineWindowStartAndSize() {
        String sql = MetricsUpsert.sql(Scope.line);
        assertThat(sql).startsWith("INSERT INTO line_metrics (line, department, window_start, window_minutes, attempts, ")
                .contains(" SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::int4[], ?::int8[], ")
                .contains("?::int8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[])")
                .contains(" ON CONFLICT (line, window_start, window_minutes) DO UPDATE SET department = EXCLUDED.department, ")
                .contains("asa_seconds = EXCLUDED.asa_seconds")
                .endsWith(", updated_at = now()");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(4 + 18 + 5);
        assertThat(sql).doesNotContain("line = EXCLUDED", "window_start = EXCLUDED");
    }

    @Test
    void theDepartmentStatementHasNoLineColumn() {
        String sql = MetricsUpsert.sql(Scope.department);
        assertThat(sql).startsWith("INSERT INTO department_metrics (department, window_start, window_minutes, attempts, ")
                .contains("unnest(?::text[], ?::timestamptz[], ?::int4[], ?::int8[], ")
                .contains("ON CONFLICT (department, window_start, window_minutes) DO UPDATE SET attempts = EXCLUDED.attempts, ");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(3 + 18 + 5);
    }

    @Test
    void aRowsValuesFollowTheColumnsWithTheWindowStartInUtcAndNullForUndefinedRates() {
        Counts allFailed = new Counts();
        allFailed.attempts = 3;
        allFailed.failed = 3;
        WindowMetrics row = new WindowMetrics(Scope.line, "037167890001", "zz-social-security",
                Instant.parse("2026-10-12T02:15:00Z").toEpochMilli(), 15, allFailed);

        Object[] values = MetricsUpsert.values(row);

        assertThat(values).hasSize(MetricsUpsert.columns(Scope.line).size());
        assertThat(Arrays.asList(values).subList(0, 6))
                .containsExactly("037167890001", "zz-social-security", "2026-10-12T02:15:00Z", 15, 3L, 0L);
        assertThat(values[4 + 7]).as("failed").isEqualTo(3L);
        assertThat(Arrays.asList(values).subList(4 + 18, values.length)).containsExactly(0.0, 0.0, null, null, null);
    }

    @Test
    void aLineRowWithoutDepartmentIsABug() {
        WindowMetrics row = new WindowMetrics(Scope.line, "037167890001", null, 0, 1, new Counts());
        assertThatThrownBy(() -> MetricsUpsert.values(row)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a department");
    }

    @Test
    void undefinedRatesAreNull() {
        Counts allFailed = new Counts();
        allFailed.attempts = 3;
        allFailed.failed = 3;
        assertThat(MetricsUpsert.rateValues(Rates.of(allFailed))).containsExactly(0.0, 0.0, null, null, null);
        assertThat(MetricsUpsert.rateValues(Rates.of(new Counts()))).containsOnlyNulls().hasSize(5);
    }
}
