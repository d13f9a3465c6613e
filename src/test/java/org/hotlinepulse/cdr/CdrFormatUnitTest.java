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
        assertThat(CdrFormat.fromName("wire")).isEqualTo(CdrFormat.WIRE);
        assertThat(CdrFormat.JSONL.cliName()).isEqualTo("jsonl");
        assertThat(CdrFormat.fromName("freeswitch-csv")).isEqualTo(CdrFormat.FREESWITCH_CSV);
        assertThat(CdrFormat.fromName("freeswitch-json")).isEqualTo(CdrFormat.FREESWITCH_JSON);
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> CdrFormat.fromName("cisco-cdr")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown CDR format \"cisco-cdr\": valid formats are " + CdrFormat.validNames());
        assertThatThrownBy(() -> CdrFormat.fromName(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown CDR format \"null\": valid formats are " + CdrFormat.validNames());
        assertThat(CdrFormat.validNames()).isEqualTo("jsonl, avro, wire, asterisk-csv, mapped-csv, freeswitch-csv, freeswitch-json");
        assertThat(CdrFormat.FREESWITCH_JSON.needsConfiguredKey()).isTrue();
    }

    @Test
    void pbxFormatsNeedAConfiguredKey_theCanonicalOnesDoNot() {
        assertThat(CdrFormat.fromName("asterisk-csv")).isEqualTo(CdrFormat.ASTERISK_CSV);
        assertThat(CdrFormat.ASTERISK_CSV.needsConfiguredKey()).isTrue();
        assertThat(CdrFormat.JSONL.needsConfiguredKey()).isFalse();
        assertThat(CdrFormat.AVRO.needsConfiguredKey()).isFalse();
        assertThat(CdrFormat.WIRE.needsConfiguredKey()).isFalse();
    }

    @Test
    void aQueueLogAloneIsNotAFormat_theMessageSaysHowToReadIt() {
        assertThatThrownBy(() -> CdrFormat.fromName("asterisk-queue-log"))
                .hasMessageContaining("--format asterisk-csv --cdr Master.csv --queue-log queue_log");
    }
}
