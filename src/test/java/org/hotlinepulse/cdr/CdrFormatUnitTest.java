package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CdrFormatUnitTest {

    @Test
    void findsFormatsByTheirCommandLineNames() {
        assertThat(CdrFormat.fromName("jsonl")).isEqualTo(CdrFormat.JSONL);
        assertThat(CdrFormat.fromName("avro")).isEqualTo(CdrFormat.AVRO);
        assertThat(CdrFormat.fromName(" AVRO ")).isEqualTo(CdrFormat.AVRO);
        assertThat(CdrFormat.JSONL.cliName()).isEqualTo("jsonl");
        assertThat(CdrFormat.fromName("freeswitch-csv")).isEqualTo(CdrFormat.FREESWITCH_CSV);
        assertThat(CdrFormat.fromName("freeswitch-json")).isEqualTo(CdrFormat.FREESWITCH_JSON);
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> CdrFormat.fromName("xml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown CDR format \"xml\": valid formats are jsonl, avro, ");
        assertThatThrownBy(() -> CdrFormat.fromName(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown CDR format \"null\": valid formats are jsonl, avro, ");
    }
}
