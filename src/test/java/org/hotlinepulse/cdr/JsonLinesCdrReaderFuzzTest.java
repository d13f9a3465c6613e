package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the JSON Lines reader: any bytes yield records that are valid CDRs or rejections with
 * a reason, at most one per line. In the normal suite a regression run over {@code JsonLinesCdrReaderFuzzTestInputs};
 * a campaign with JAZZER_FUZZ=1 (docs/fuzzing.md).
 */
class JsonLinesCdrReaderFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void read(byte[] content) throws IOException {
        long lines = 1;
        for (byte b : content) {
            if (b == '\n') {
                lines++;
            }
        }
        try (CdrReader reader = new JsonLinesCdrReader(new ByteArrayInputStream(content), "fuzz.jsonl",
                CdrFixtures.PSEUDONYMISER)) {
            assertThat(DecodedRecords.readAllChecked(reader)).isLessThanOrEqualTo(lines);
        }
    }
}
