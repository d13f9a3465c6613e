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
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> CdrFormat.fromName("asterisk-csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown CDR format \"asterisk-csv\": valid formats are jsonl, avro");
        assertThatThrownBy(() -> CdrFormat.fromName(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown CDR format \"null\": valid formats are jsonl, avro");
    }
}
