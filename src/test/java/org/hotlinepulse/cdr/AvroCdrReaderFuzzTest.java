package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the Avro container file reader: a file either fails at open with an IOException naming
 * it, or yields records that are valid CDRs or rejections with a reason, no more of them than the file has bytes
 * (so a lying block header cannot make the reader queue or allocate beyond the file). In the normal suite a
 * regression run over {@code AvroCdrReaderFuzzTestInputs}; a campaign with JAZZER_FUZZ=1 (docs/fuzzing.md).
 */
class AvroCdrReaderFuzzTest {

    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        file = Files.createTempFile("fuzz-", ".avro");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "3m")
    void read(byte[] content) throws IOException {
        Files.write(file, content);
        CdrReader reader;
        try {
            reader = new AvroCdrReader(file, CdrFixtures.PSEUDONYMISER);
        } catch (IOException e) {
            assertThat(e.getMessage()).startsWith(file.toString());
            return;
        }
        try (reader) {
            assertThat(DecodedRecords.readAllChecked(reader)).isLessThanOrEqualTo(content.length);
        }
    }
}
