package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

/** What the fuzz tests assert of every record a reader returns: a valid CDR, or a rejection with a reason. */
final class DecodedRecords {
    private DecodedRecords() {}

    /** Reads to the end; returns how many records the reader returned, each checked. */
    static long readAllChecked(CdrReader reader) throws IOException {
        long count = 0;
        long lastPosition = 0;
        for (InputRecord r = reader.next(); r != null; r = reader.next()) {
            count++;
            assertThat(r.position).as("positions increase").isGreaterThan(lastPosition);
            lastPosition = r.position;
            if (r.isRejected()) {
                assertThat(r.rejectReason).isNotBlank();
                assertThat(r.rawRecord).isNotNull();
            } else {
                assertThat(CdrValidator.validate(r.cdr)).isNull();
            }
        }
        assertThat(reader.next()).isNull();
        return count;
    }
}
