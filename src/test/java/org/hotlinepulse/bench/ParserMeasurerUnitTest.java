package org.hotlinepulse.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser benchmark fails loudly, naming the rejection, when its input is not read whole. */
class ParserMeasurerUnitTest {

    @TempDir
    Path dir;

    @Test
    void aRejectedRecordFailsTheMeasure() throws Exception {
        Path file = dir.resolve("cdrs.jsonl");
        Files.writeString(file, "{\"call_id\":\"x\"}\n", StandardCharsets.UTF_8);
        ParserMeasurer measurer = new ParserMeasurer(new CallerPseudonymiser(new byte[32]), 1);

        assertThatThrownBy(() -> measurer.measure(
                new ParserInput("jsonl", CdrFormat.JSONL, file, List.of(), CdrInputOptions.DEFAULTS, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("jsonl: the reader returned 0 records and rejected 1 of the 1 generated; "
                        + "first rejection: rejected cdrs.jsonl:1: ");
    }
}
