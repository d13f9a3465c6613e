package org.hotlinepulse.postgres;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresAlertSinkUnitTest {

    @Test
    void rewrittenBatchedInsertsAreRefused() {
        assertThat(PostgresAlertSink.problemWithUrl("jdbc:postgresql://db/h?reWriteBatchedInserts=true"))
                .contains("reWriteBatchedInserts=true cannot be used");
        assertThat(PostgresAlertSink.problemWithUrl("jdbc:postgresql://db/h?ssl=true&rewritebatchedinserts=TRUE"))
                .isNotNull();
        assertThat(PostgresAlertSink.problemWithUrl("jdbc:postgresql://db/h?reWriteBatchedInserts=false")).isNull();
        assertThat(Arrays.asList(PostgresAlertSink.problemWithUrl("jdbc:postgresql://db/h"))).containsOnlyNulls();
    }
}
