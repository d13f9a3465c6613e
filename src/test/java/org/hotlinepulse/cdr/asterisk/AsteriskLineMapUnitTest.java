package org.hotlinepulse.cdr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.KEY;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsteriskLineMapUnitTest {

    @TempDir
    Path dir;

    @Test
    void dcontextSlashDstWinsOverDst_andAnUnmappedDstIsTheLine() throws IOException {
        Path map = write(dir, "lines.yaml", "\"from-pstn/s\": \"037167890009\"\n\"1003\": \"037167890001\"\n");
        AsteriskLineMap lines = AsteriskLineMap.load(map);
        assertThat(lines.lineOf("from-pstn", "s")).isEqualTo("037167890009");
        assertThat(lines.lineOf("internal", "1003")).isEqualTo("037167890001");
        assertThat(lines.lineOf("internal", "037167890002")).isEqualTo("037167890002");
    }

    @Test
    void theReaderUsesIt() throws IOException {
        String row = Files.readString(AsteriskTestFiles.caseDir("busy").resolve("Master.csv"))
                .replace("\"037167890003\",\"hotline\"", "\"s\",\"from-pstn\"");
        Path master = write(dir, "Master.csv", row);
        Path map = write(dir, "lines.yaml", "from-pstn/s: \"037167890009\"\n");
        try (AsteriskCsvReader reader = new AsteriskCsvReader(master, KEY, new CdrInputOptions(null,
                AsteriskTestFiles.SHANGHAI, List.of(), null, map.toString()))) {
            List<InputRecord> records = AsteriskTestFiles.drain(reader);
            assertThat(records).singleElement().satisfies(r -> assertThat(r.cdr.getLine()).isEqualTo("037167890009"));
        }
    }

    @Test
    void aValueThatIsNoLineNumberIsRefusedNamingTheKey() throws IOException {
        Path map = write(dir, "lines.yaml", "from-pstn/s: hotline\n");
        assertThatThrownBy(() -> AsteriskLineMap.load(map)).hasMessage("lines.yaml: \"from-pstn/s\" maps to"
                + " \"hotline\", which is not a line number (1 to 32 characters: digits, with an optional leading +)");
        Path list = write(dir, "list.yaml", "- a\n- b\n");
        assertThatThrownBy(() -> AsteriskLineMap.load(list)).hasMessageStartingWith("list.yaml line 1: not a map");
    }
}
