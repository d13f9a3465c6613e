package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.hotlinepulse.avro.Cdr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding untrusted single-object messages: every bad message is a reason, never an Error or a stray exception. */
class CdrWireFormatUnitTest {

    private final Cdr cdr = HostileInputs.cdrs("w", 1).get(0);

    @Test
    void roundTrip() throws Exception {
        assertThat(CdrWireFormat.decode(CdrWireFormat.encode(cdr))).isEqualTo(cdr);
    }

    /** Before issue 12: 2^31-9 allocated about 2 GB (OutOfMemoryError), 2^31-1 threw UnsupportedOperationException. */
    @ParameterizedTest
    @ValueSource(longs = {HostileInputs.AVRO_MAX_ARRAY, HostileInputs.INT_MAX, 1L << 31, 1L << 40, 100})
    void aStringLongerThanTheMessageIsRejectedBeforeAnythingIsAllocated(long declared) {
        byte[] message = HostileInputs.messageDeclaringString(declared);
        assertThat(message.length).isLessThan(30);
        assertThatThrownBy(() -> CdrWireFormat.decode(message))
                .isInstanceOf(CdrWireFormat.InvalidMessageException.class)
                .hasMessage("not a CDR of a known schema version: string needs " + declared
                        + " bytes, but only 3 are left");
    }

    @Test
    void aMessageOver64KibIsRejectedUndecoded() throws Exception {
        byte[] valid = CdrWireFormat.encode(cdr);
        byte[] atLimit = Arrays.copyOf(valid, CdrWireFormat.MAX_MESSAGE_BYTES);
        assertThat(CdrWireFormat.decode(atLimit)).as("trailing bytes are ignored, as Avro does").isEqualTo(cdr);
        byte[] over = Arrays.copyOf(valid, CdrWireFormat.MAX_MESSAGE_BYTES + 1);
        assertThatThrownBy(() -> CdrWireFormat.decode(over))
                .isInstanceOf(CdrWireFormat.InvalidMessageException.class)
                .hasMessage("message of 65537 bytes is larger than 65536 bytes (64 KiB); not decoded");
    }

    @Test
    void anUnknownFingerprintOrNoHeaderIsSaidSo() {
        byte[] message = CdrWireFormat.encode(cdr);
        message[5] ^= 0x7F;
        assertThatThrownBy(() -> CdrWireFormat.decode(message))
                .hasMessageStartingWith("written with an unknown schema: no version of cdr.avsc has the fingerprint");
        assertThatThrownBy(() -> CdrWireFormat.decode(new byte[] {'{', '}'}))
                .hasMessage("not an Avro single-object message (no C3 01 header)");
        assertThatThrownBy(() -> CdrWireFormat.decode(new byte[0])).hasMessage("empty message");
    }

    @Test
    void anOutOfRangeUnionOrEnumIndexIsARejection() {
        byte[] message = CdrWireFormat.encode(cdr);
        // call_id "w1" and line "037167890001" take 3 + 13 bytes after the header: then caller_hash's union index.
        message[10 + 3 + 13] = 0x7E; // union branch 63
        assertThatThrownBy(() -> CdrWireFormat.decode(message))
                .isInstanceOf(CdrWireFormat.InvalidMessageException.class)
                .hasMessageStartingWith("not a CDR of a known schema version: ");
    }
}
