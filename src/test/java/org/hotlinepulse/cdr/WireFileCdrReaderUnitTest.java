package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.simulate.WireFileCdrOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wire files: the messages of hotline.cdr, each after its 4-byte big-endian length (docs/cdr-formats.md). */
class WireFileCdrReaderUnitTest {

    private static final CallerPseudonymiser P = CdrFixtures.PSEUDONYMISER;
    private static final String NUMBER = "13800001234";

    @TempDir
    Path dir;

    @Test
    void readsWhatTheSimulatorsOutputWrites() throws IOException {
        List<Cdr> cdrs = HostileInputs.cdrs("w", 3);
        Path file = dir.resolve("cdrs.wire");
        try (WireFileCdrOutput out = new WireFileCdrOutput(file)) {
            for (Cdr cdr : cdrs) {
                out.write(cdr);
            }
        }
        List<InputRecord> records = read(file);
        assertThat(records).extracting(r -> r.position).containsExactly(1L, 2L, 3L);
        assertThat(records).allSatisfy(r -> assertThat(r.isRejected()).isFalse());
        assertThat(records).extracting(r -> r.cdr).containsExactlyElementsOf(cdrs);
        assertThat(records).extracting(r -> r.origin).containsOnly("cdrs.wire");
    }

    @Test
    void anEmptyFileHasNoRecords() throws IOException {
        assertThat(read(write(new byte[0]))).isEmpty();
    }

    @Test
    void aRawNumberInCallerHashIsHashedWithTheRunsKey() throws IOException {
        Cdr raw = CdrFixtures.cdr().callerHash(NUMBER).buildUnchecked();
        InputRecord record = read(write(HostileInputs.wireFile(CdrWireFormat.encode(raw)))).get(0);
        assertThat(record.isRejected()).isFalse();
        assertThat(record.cdr.getCallerHash()).isEqualTo(P.pseudonymise(NUMBER));
    }

    @Test
    void anImplausibleCdrIsRejectedWithItsRecordNumberAndNoRawCaller() throws IOException {
        Cdr bad = CdrFixtures.cdr().callerHash("tel:" + NUMBER).satisfaction(9).buildUnchecked();
        List<InputRecord> records = read(write(HostileInputs.wireFile(good("a"), CdrWireFormat.encode(bad), good("b"))));
        InputRecord rejected = records.get(1);
        assertThat(rejected.position).isEqualTo(2);
        assertThat(rejected.origin).isEqualTo("cdrs.wire");
        assertThat(rejected.rejectReason).isEqualTo("field satisfaction 9 is not between 1 and 5");
        assertThat(rejected.rawRecord).doesNotContain(NUMBER).contains(P.pseudonymise("tel:" + NUMBER));
        assertThat(new String(rejected.payload, StandardCharsets.ISO_8859_1)).doesNotContain(NUMBER);
        assertThat(records.get(2).cdr.getCallId()).isEqualTo("b1");
    }

    @Test
    void aMessageWithoutTheSingleObjectHeaderIsOneRejection_readingGoesOn() throws IOException {
        byte[] notAvro = ("{\"caller\":\"" + NUMBER + "\"}").getBytes(StandardCharsets.UTF_8);
        List<InputRecord> records = read(write(HostileInputs.wireFile(notAvro, good("a"))));
        assertThat(records).hasSize(2);
        assertThat(records.get(0).rejectReason).isEqualTo("not an Avro single-object message (no C3 01 header)");
        assertThat(records.get(0).rawRecord).startsWith("\"base64:").doesNotContain(NUMBER);
        assertThat(records.get(1).isRejected()).isFalse();
    }

    @Test
    void aMessageOfAnUnknownFingerprintIsOneRejection() throws IOException {
        byte[] message = good("a");
        message[5] ^= 0x55;
        InputRecord record = read(write(HostileInputs.wireFile(message))).get(0);
        assertThat(record.rejectReason).startsWith("written with an unknown schema: no version of cdr.avsc has the fingerprint");
    }

    @Test
    void aPoisonMessageIsRejectedByTheBoundedDecoder() throws IOException {
        byte[] poison = HostileInputs.messageDeclaringString(HostileInputs.AVRO_MAX_ARRAY);
        List<InputRecord> records = read(write(HostileInputs.wireFile(poison, good("a"))));
        assertThat(records.get(0).rejectReason).contains("string needs 2147483639 bytes");
        assertThat(records.get(1).isRejected()).isFalse();
    }

    @Test
    void aFileEndingInsideALengthEndsWithOneRejection() throws IOException {
        byte[] bytes = HostileInputs.wireFile(good("a"));
        List<InputRecord> records = read(write(Arrays.copyOf(bytes, bytes.length + 2)));
        assertThat(records).hasSize(2);
        assertThat(records.get(1).position).isEqualTo(2);
        assertThat(records.get(1).rejectReason).isEqualTo("wire file cdrs.wire is broken: the file ends inside the"
                + " 4-byte length of record 2; the rest of the file is not read");
        assertThat(records.get(1).rawRecord).isEqualTo("null");
    }

    @Test
    void aFileEndingInsideAMessageEndsWithOneRejection() throws IOException {
        byte[] bytes = HostileInputs.wireFile(good("a"), good("b"));
        List<InputRecord> records = read(write(Arrays.copyOf(bytes, bytes.length - 1)));
        assertThat(records).hasSize(2);
        assertThat(records.get(1).rejectReason).matches("wire file cdrs\\.wire is broken: record 2 declares (\\d+)"
                + " bytes, but the file ends after \\d+; the rest of the file is not read");
    }

    @Test
    void aLengthAbove64KiBIsNeverAllocated_theFileEndsThere() throws IOException {
        for (long length : new long[] {CdrWireFormat.MAX_MESSAGE_BYTES + 1, 0xFFFF_FFFFL}) {
            byte[] bytes = HostileInputs.concat(HostileInputs.wireFile(good("a")), HostileInputs.wireLength(length),
                    HostileInputs.wireFile(good("b")));
            List<InputRecord> records = read(write(bytes));
            assertThat(records).as("length %d", length).hasSize(2);
            assertThat(records.get(1).rejectReason).isEqualTo("wire file cdrs.wire is broken: record 2 declares "
                    + length + " bytes, more than a message may have (65536 bytes, 64 KiB); the rest of the file is not read");
        }
    }

    @Test
    void aMessageOfExactly64KiBIsDecoded_notRefusedByTheFraming() throws IOException {
        byte[] big = Arrays.copyOf(good("a"), CdrWireFormat.MAX_MESSAGE_BYTES);
        List<InputRecord> records = read(write(HostileInputs.wireFile(big, good("b"))));
        assertThat(records).hasSize(2);
        assertThat(records.get(1).isRejected()).isFalse();
    }

    @Test
    void theFormatOpensWireFiles() throws IOException {
        try (CdrReader reader = CdrFormat.WIRE.open(write(HostileInputs.wireFile(good("a"))), P)) {
            assertThat(reader).isInstanceOf(WireFileCdrReader.class);
            assertThat(reader.next().cdr.getCallId()).isEqualTo("a1");
        }
    }

    private static byte[] good(String prefix) {
        return CdrWireFormat.encode(HostileInputs.cdrs(prefix, 1).get(0));
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("cdrs.wire"), bytes);
    }

    private static List<InputRecord> read(Path file) throws IOException {
        List<InputRecord> records = new ArrayList<>();
        try (CdrReader reader = new WireFileCdrReader(file, P)) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
            assertThat(reader.next()).isNull();
        }
        return records;
    }
}
