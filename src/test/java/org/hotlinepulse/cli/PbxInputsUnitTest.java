package org.hotlinepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.junit.jupiter.api.Test;

class PbxInputsUnitTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void pbxFormatsRefuseToStartWithoutAConfiguredKey_withOneLine() throws UsageError {
        assertThatThrownBy(() -> CommandInputs.configuredPseudonymiser("--format asterisk-csv reads raw caller numbers", Map.of()))
                .isInstanceOf(UsageError.class)
                .hasMessage("--format asterisk-csv reads raw caller numbers: set HOTLINE_PULSE_HMAC_KEY or"
                        + " HOTLINE_PULSE_HMAC_KEY_FILE to the HMAC key (e.g. openssl rand -hex 32)");
        assertThat(CommandInputs.configuredPseudonymiser("--format mapped-csv reads raw caller numbers",
                Map.of("HOTLINE_PULSE_HMAC_KEY", "k".repeat(32))).isEphemeral()).isFalse();
    }

    @Test
    void theZoneDefaultsToTheDirectorysAndUtcIsAccepted() throws UsageError {
        assertThat(PbxInputs.options(CdrFormat.ASTERISK_CSV, List.of(), null, null, null, SHANGHAI).zone())
                .isEqualTo(SHANGHAI);
        CdrInputOptions utc = PbxInputs.options(CdrFormat.ASTERISK_CSV, List.of(), null, "pbx-1", "utc", SHANGHAI);
        assertThat(utc.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(utc.sourceOr("asterisk")).isEqualTo("pbx-1");
        assertThatThrownBy(() -> PbxInputs.options(CdrFormat.ASTERISK_CSV, List.of(), null, null, "Mars/Base",
                SHANGHAI)).hasMessage("--cdr-timezone: \"Mars/Base\" is not a time zone (e.g. Asia/Shanghai, UTC)");
    }

    @Test
    void optionsOfTheOtherFormatAreRefused() {
        assertThatThrownBy(() -> PbxInputs.options(CdrFormat.JSONL, List.of(Path.of("queue_log")), null, null, null,
                SHANGHAI)).hasMessage("--queue-log: only --format asterisk-csv reads a queue_log");
        assertThatThrownBy(() -> PbxInputs.options(CdrFormat.MAPPED_CSV, List.of(), null, null, null, SHANGHAI))
                .hasMessage("--format mapped-csv needs --mapping FILE (docs/pbx-formats.md)");
        assertThatThrownBy(() -> PbxInputs.options(CdrFormat.ASTERISK_CSV, List.of(), null, "a:b", null, SHANGHAI))
                .hasMessage("--source: \"a:b\" must be 1 to 64 characters without ':'");
    }
}
