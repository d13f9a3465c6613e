package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotlinepulse.avro.Cdr;
import org.junit.jupiter.api.Test;

class InputRecordUnitTest {

    @Test
    void factoriesAndRejection() {
        Cdr cdr = CdrFixtures.cdr().build();
        InputRecord parsed = InputRecord.parsed("a.jsonl", 3, cdr);
        assertThat(parsed.isRejected()).isFalse();
        assertThat(parsed.cdr).isSameAs(cdr);
        InputRecord rejected = InputRecord.rejected("a.jsonl", 4, "missing required field line", "{\"x\":1}");
        assertThat(rejected.isRejected()).isTrue();
        assertThat(rejected.cdr).isNull();
        assertThat(rejected.rawRecord).isEqualTo("{\"x\":1}");
        assertThat(rejected.toString()).isEqualTo("rejected a.jsonl:4: missing required field line {\"x\":1}");
    }
}
