package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the wire file reader (length framing, then the Kafka topic's message decoding): every
 * record is a valid CDR or a rejection with a reason, and there are no more records than 4-byte lengths the file
 * can hold (so a lying length cannot make the reader allocate or loop beyond the file). In the normal suite a
 * regression run over {@code WireFileCdrReaderFuzzTestInputs}; a campaign with JAZZER_FUZZ=1 (docs/fuzzing.md).
 */
class WireFileCdrReaderFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void read(byte[] content) throws IOException {
        long atMost = (content.length + WireFileCdrReader.LENGTH_BYTES - 1) / WireFileCdrReader.LENGTH_BYTES;
        try (CdrReader reader = new WireFileCdrReader(new ByteArrayInputStream(content), "fuzz.wire",
                CdrFixtures.PSEUDONYMISER)) {
            assertThat(DecodedRecords.readAllChecked(reader)).isLessThanOrEqualTo(atMost);
        }
    }
}
