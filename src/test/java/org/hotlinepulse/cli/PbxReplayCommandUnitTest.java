package org.hotlinepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hotlinepulse.testing.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command's options for PBX formats, up to the point where the job would start. */
class PbxReplayCommandUnitTest {

    @TempDir
    Path dir;

    @Test
    void asteriskCsvWithoutAKeyRefusesToStartWithOneLine() throws Exception {
        RequiredService.assumeAvailable(System.getenv("HOTLINE_PULSE_HMAC_KEY") == null
                && System.getenv("HOTLINE_PULSE_HMAC_KEY_FILE") == null, "an HMAC key is configured in this"
                + " environment; unset HOTLINE_PULSE_HMAC_KEY and HOTLINE_PULSE_HMAC_KEY_FILE to run this test");
        Path master = Files.writeString(dir.resolve("Master.csv"), "");
        CliRun run = CliRun.run("replay", "--format", "asterisk-csv", "--cdr", master.toString(),
                "--directory", "src/test/resources/asterisk/directory.yaml", "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("hotline-pulse replay: --format asterisk-csv reads raw caller"
                + " numbers: set HOTLINE_PULSE_HMAC_KEY or HOTLINE_PULSE_HMAC_KEY_FILE to the HMAC key (e.g."
                + " openssl rand -hex 32)");
    }

    @Test
    void aBadMappingStopsTheCommandNamingFileLineAndField() throws Exception {
        Path csv = Files.writeString(dir.resolve("c.csv"), "a,b\n");
        Path mapping = Files.writeString(dir.resolve("carrier.yaml"), "columns:\n  call_id: a\n  lien: b\n");
        CliRun run = CliRun.run("replay", "--format", "mapped-csv", "--mapping", mapping.toString(), "--cdr",
                csv.toString(), "--directory", "src/test/resources/asterisk/directory.yaml",
                "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("hotline-pulse replay: carrier.yaml line 3: unknown field \"lien\"");
    }

    @Test
    void theHelpNamesThePbxOptions() {
        assertThat(CliRun.run("replay", "--help").out()).contains("--queue-log", "--mapping", "--source",
                "--cdr-timezone", "asterisk-csv", "mapped-csv");
    }
}
