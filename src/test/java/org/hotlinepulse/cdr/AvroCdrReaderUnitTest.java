package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumWriter;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AvroCdrReaderUnitTest {

    private static final CallerPseudonymiser P = CdrFixtures.PSEUDONYMISER;
    private static final long START_MILLIS = CdrFixtures.T0.toEpochMilli();

    @TempDir
    Path dir;

    private List<Cdr> cdrs(int n) {
        List<Cdr> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(CdrFixtures.cdr().callId("call-" + i).start(CdrFixtures.T0.plusSeconds(i))
                    .answerAfter(Duration.ofSeconds(5)).endAfter(Duration.ofSeconds(60)).callerHash("ab".repeat(32))
                    .releaseCause(16).releasedBy(ReleasedBy.CALLER).agentId("a" + i).build());
        }
        return list;
    }

    /** Writes the CDRs without their outcome, a block boundary after every blockSize records. */
    private Path write(String name, List<Cdr> cdrs, int blockSize) throws IOException {
        Path file = dir.resolve(name);
        try (DataFileWriter<Cdr> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Cdr.class))) {
            writer.create(Cdr.getClassSchema(), file.toFile());
            int i = 0;
            for (Cdr cdr : cdrs) {
                Cdr copy = CdrFixtures.copy(cdr);
                copy.setOutcome(null);
                writer.append(copy);
                if (++i % blockSize == 0) {
                    writer.sync();
                }
            }
        }
        return file;
    }

    private static List<InputRecord> readAll(Path file) throws IOException {
        List<InputRecord> records = new ArrayList<>();
        try (CdrReader reader = CdrFormat.AVRO.open(file, P)) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
            assertThat(reader.next()).isNull();
        }
        return records;
    }

    @Test
    void roundTrip() throws IOException {
        List<Cdr> written = cdrs(25);
        List<InputRecord> records = readAll(write("cdr.avro", written, 10));
        assertThat(records).hasSize(25).noneMatch(InputRecord::isRejected);
        assertThat(records).extracting(r -> r.position).containsExactlyElementsOf(
                () -> java.util.stream.LongStream.rangeClosed(1, 25).iterator());
        assertThat(records).extracting(r -> r.origin).containsOnly("cdr.avro");
        assertThat(records).extracting(r -> r.cdr).containsExactlyElementsOf(written);
        assertThat(records.get(0).cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
    }

    @Test
    void anEmptyFileHasNoRecords() throws IOException {
        assertThat(readAll(write("empty.avro", List.of(), 10))).isEmpty();
    }

    @Test
    void readsAFileOfANarrowerOlderSchemaWithDefaults() throws IOException {
        Schema narrow = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Cdr\","
                + "\"namespace\":\"org.hotlinepulse.avro\",\"fields\":["
                + "{\"name\":\"call_id\",\"type\":\"string\"},{\"name\":\"line\",\"type\":\"string\"},"
                + "{\"name\":\"start_time\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
                + "{\"name\":\"end_time\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
                + "{\"name\":\"release_cause\",\"type\":[\"null\",\"int\"],\"default\":null},"
                + "{\"name\":\"outcome\",\"type\":[\"null\",{\"type\":\"enum\",\"name\":\"Outcome\","
                + "\"symbols\":[\"ANSWERED\",\"BUSY\",\"FAILED\"]}],\"default\":null}]}");
        GenericRecord record = new GenericData.Record(narrow);
        record.put("call_id", "old-1");
        record.put("line", CdrFixtures.LINE);
        record.put("start_time", START_MILLIS);
        record.put("end_time", START_MILLIS + 3_000);
        record.put("release_cause", 17);
        Path file = writeGeneric("narrow.avro", narrow, record);

        InputRecord r = readAll(file).get(0);
        assertThat(r.isRejected()).isFalse();
        assertThat(r.cdr.getCallId()).isEqualTo("old-1");
        assertThat(r.cdr.getStartTime()).isEqualTo(CdrFixtures.T0);
        assertThat(r.cdr.getIvr()).isFalse();
        assertThat(r.cdr.getProbe()).isFalse();
        assertThat(r.cdr.getSatisfaction()).isNull();
        assertThat(r.cdr.getOutcome()).isEqualTo(Outcome.BUSY);
    }

    @Test
    void readsAFileOfAWiderNewerSchemaIgnoringNewFields() throws IOException {
        Schema wider = SchemaWithExtraField.of(Cdr.getClassSchema());
        GenericRecord record = new GenericData.Record(wider);
        record.put("call_id", "new-1");
        record.put("line", CdrFixtures.LINE);
        record.put("start_time", START_MILLIS);
        record.put("end_time", START_MILLIS + 3_000);
        record.put("ivr", true);
        record.put("probe", false);
        record.put("trunk", "T9");
        InputRecord r = readAll(writeGeneric("wider.avro", wider, record)).get(0);
        assertThat(r.isRejected()).isFalse();
        assertThat(r.cdr.getIvr()).isTrue();
    }

    @Test
    void readsAFileOfTheReleasedV1Schema() throws IOException {
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/schemas/released/v1/cdr.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord record = new GenericData.Record(v1);
        record.put("call_id", "v1-1");
        record.put("line", CdrFixtures.LINE);
        record.put("start_time", START_MILLIS);
        record.put("end_time", START_MILLIS + 3_000);
        record.put("ivr", false);
        record.put("probe", true);
        record.put("outcome", new GenericData.EnumSymbol(v1.getField("outcome").schema().getTypes().get(1),
                "NO_ANSWER"));
        InputRecord r = readAll(writeGeneric("v1.avro", v1, record)).get(0);
        assertThat(r.isRejected()).isFalse();
        assertThat(r.cdr.getProbe()).isTrue();
        assertThat(r.cdr.getOutcome()).isEqualTo(Outcome.NO_ANSWER);
    }

    @Test
    void anIncompatibleWriterSchemaFailsAtOpenNamingTheFile() throws IOException {
        Schema noLine = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Cdr\","
                + "\"namespace\":\"org.hotlinepulse.avro\",\"fields\":[{\"name\":\"call_id\",\"type\":\"string\"}]}");
        GenericRecord record = new GenericData.Record(noLine);
        record.put("call_id", "x");
        Path file = writeGeneric("bad-schema.avro", noLine, record);
        assertThatThrownBy(() -> CdrFormat.AVRO.open(file, P)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": its writer schema org.hotlinepulse.avro.Cdr cannot be read as"
                        + " cdr.avsc: ")
                .hasMessageContaining("line");
    }

    @Test
    void aNewOutcomeSymbolIsIncompatible() throws IOException {
        String json = Cdr.getClassSchema().toString().replace("\"FAILED\"]", "\"FAILED\",\"VOICEMAIL\"]");
        Schema newer = new Schema.Parser().parse(json);
        GenericRecord record = new GenericData.Record(newer);
        record.put("call_id", "x");
        record.put("line", "12345");
        record.put("start_time", START_MILLIS);
        record.put("end_time", START_MILLIS);
        record.put("ivr", false);
        record.put("probe", false);
        Path file = writeGeneric("newer-enum.avro", newer, record);
        assertThatThrownBy(() -> CdrFormat.AVRO.open(file, P)).isInstanceOf(IOException.class)
                .hasMessageEndingWith("cannot be read as cdr.avsc: reader union lacking writer type: ENUM"
                        + " (field outcome)");
    }

    @Test
    void aFileThatIsNotAvroFailsAtOpen() throws IOException {
        Path file = Files.writeString(dir.resolve("cdr.jsonl"), "{\"call_id\":\"x\"}\n");
        assertThatThrownBy(() -> CdrFormat.AVRO.open(file, P)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": not an Avro object container file");
        assertThatThrownBy(() -> CdrFormat.AVRO.open(dir.resolve("missing.avro"), P))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void anInvalidRecordIsRejectedAsCanonicalJson() throws IOException {
        List<Cdr> list = cdrs(3);
        Cdr bad = CdrFixtures.copy(list.get(1));
        bad.setSatisfaction(7);
        list.set(1, bad);
        List<InputRecord> records = readAll(write("invalid.avro", list, 10));
        assertThat(records).extracting(InputRecord::isRejected).containsExactly(false, true, false);
        InputRecord r = records.get(1);
        assertThat(r.position).isEqualTo(2);
        assertThat(r.rejectReason).isEqualTo("field satisfaction 7 is not between 1 and 5");
        assertThat(new ObjectMapper().readTree(r.rawRecord).get("call_id").asText()).isEqualTo("call-2");
        assertThat(r.rawRecord).contains("\"satisfaction\":7");
    }

    @Test
    void aRawNumberInCallerHashIsHashed() throws IOException {
        Cdr raw = CdrFixtures.cdr().callerHash("+86 138 0013 8000").buildUnchecked();
        InputRecord r = readAll(write("raw.avro", List.of(raw), 10)).get(0);
        assertThat(r.cdr.getCallerHash()).isEqualTo(P.pseudonymise("+8613800138000"));
    }

    @Test
    void aRejectedRecordNeverCarriesARawNumberOut() throws IOException {
        Cdr raw = CdrFixtures.cdr().callerHash("tel:13800138000 (mobile)").satisfaction(9).buildUnchecked();
        InputRecord r = readAll(write("raw.avro", List.of(raw), 10)).get(0);
        assertThat(r.rejectReason).isEqualTo("field satisfaction 9 is not between 1 and 5");
        assertThat(r.rawRecord).doesNotContain("13800138000")
                .contains("\"caller_hash\":\"" + P.pseudonymise("13800138000") + "\"");
    }

    @Test
    void aRecordThatCannotBeDecodedCostsTheRestOfItsBlockOnly() throws IOException {
        List<Cdr> list = cdrs(15);
        list.set(6, CdrFixtures.copy(list.get(6)));
        list.get(6).setCallId("CORRUPTME");
        Path file = write("corrupt.avro", list, 5);
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "CORRUPTME".getBytes(StandardCharsets.UTF_8));
        assertThat(bytes[at - 1]).isEqualTo((byte) 18); // the zig-zag length 9
        bytes[at - 1] = 0x7F; // length -64
        Files.write(file, bytes);

        List<InputRecord> records = readAll(file);
        assertThat(records).extracting(r -> r.position)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(records).extracting(InputRecord::isRejected).containsExactly(
                false, false, false, false, false, false, true, true, true, true, false, false, false, false, false);
        assertThat(records.get(6).rejectReason).startsWith("Avro record could not be decoded: ")
                .endsWith("; the 3 further records of its block are not read");
        assertThat(records.get(7).rejectReason)
                .isEqualTo("Avro record not read: record 7 of the same block could not be decoded");
        assertThat(records.get(6).rawRecord).isEqualTo("null");
        assertThat(records.get(10).cdr.getCallId()).isEqualTo("call-11");
    }

    @Test
    void aTruncatedFileReportsTheLossAndStops() throws IOException {
        Path file = write("truncated.avro", cdrs(12), 5);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 30));
        List<InputRecord> records = readAll(file);
        assertThat(records).hasSize(11);
        assertThat(records.subList(0, 10)).noneMatch(InputRecord::isRejected);
        assertThat(records.get(10).position).isEqualTo(11);
        assertThat(records.get(10).rejectReason).startsWith("Avro file is corrupt after record 10: ")
                .endsWith("; the rest of the file is not read");
    }

    @Test
    void aBrokenSyncMarkerReportsTheLossAndStops() throws IOException {
        Path file = write("badsync.avro", cdrs(12), 5);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x55; // the last block's sync marker
        Files.write(file, bytes);
        List<InputRecord> records = readAll(file);
        assertThat(records).hasSize(11);
        assertThat(records.get(10).rejectReason).matches(
                "Avro file is corrupt after record 10: block 3 \\(at byte \\d+\\) is not followed by the file's sync"
                        + " marker; the rest of the file is not read");
    }

    @Test
    void aDeflateFileIsRead() throws IOException {
        Path file = dir.resolve("deflate.avro");
        List<Cdr> written = cdrs(40);
        try (DataFileWriter<Cdr> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Cdr.class))) {
            writer.setCodec(CodecFactory.deflateCodec(6));
            writer.create(Cdr.getClassSchema(), file.toFile());
            for (int i = 0; i < written.size(); i++) {
                writer.append(written.get(i));
                if (i % 15 == 14) {
                    writer.sync();
                }
            }
        }
        assertThat(readAll(file)).extracting(r -> r.cdr).containsExactlyElementsOf(written);
    }

    @Test
    void anotherCodecFailsAtOpenNamingIt() throws IOException {
        Path file = dir.resolve("bzip2.avro");
        try (DataFileWriter<Cdr> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Cdr.class))) {
            writer.setCodec(CodecFactory.bzip2Codec()); // commons-compress, a dependency of Avro
            writer.create(Cdr.getClassSchema(), file.toFile());
        }
        assertThatThrownBy(() -> CdrFormat.AVRO.open(file, P)).isInstanceOf(IOException.class)
                .hasMessage(file + ": not an Avro object container file (its codec bzip2 is not read here (only null"
                        + " and deflate))");
    }

    /** Before issue 12: one rejection was queued per declared record, 2^40 of them (OutOfMemoryError). */
    @Test
    @Timeout(60)
    void aBlockDeclaringMoreRecordsThanItHasBytesIsOneRejectionAndEndsTheFile() throws IOException {
        List<Cdr> good = cdrs(10);
        byte[] bytes = HostileInputs.avroFile().block(good.subList(0, 5))
                .blockDeclaringCount(good.subList(5, 8), HostileInputs.LYING_COUNT).block(good.subList(8, 10)).bytes();
        assertThat(bytes.length).isLessThan(5_000);
        List<InputRecord> records = readAll(Files.write(dir.resolve("count.avro"), bytes));
        assertThat(records).hasSize(6);
        assertThat(records.subList(0, 5)).extracting(r -> r.cdr).containsExactlyElementsOf(good.subList(0, 5));
        assertThat(records.get(5).position).isEqualTo(6);
        assertThat(records.get(5).rejectReason).matches("Avro file is corrupt after record 5: block 2 \\(at byte"
                + " \\d+\\) declares 1099511627776 records in \\d+ bytes; the rest of the file is not read");
    }

    /** Before issue 12: Avro allocated the declared 2 GB block (OutOfMemoryError). */
    @Test
    void aBlockDeclaringMoreBytesThanTheFileHoldsIsOneRejectionAndEndsTheFile() throws IOException {
        List<Cdr> good = cdrs(5);
        byte[] bytes = HostileInputs.avroFile().block(good).blockDeclaringSize(HostileInputs.LYING_SIZE).bytes();
        List<InputRecord> records = readAll(Files.write(dir.resolve("size.avro"), bytes));
        assertThat(records).hasSize(6);
        assertThat(records.get(5).rejectReason).matches("Avro file is corrupt after record 5: block 2 \\(at byte"
                + " \\d+\\) declares 2147483639 bytes, but the file holds only \\d+ more before its sync marker"
                + " \\(truncated\\?\\); the rest of the file is not read");
    }

    /** Before issue 12: the 2 GB string was allocated inside a well-framed block (OutOfMemoryError). */
    @Test
    void aRecordDeclaringAHugeStringCostsItsBlockOnly() throws IOException {
        List<Cdr> good = cdrs(4);
        byte[] bytes = HostileInputs.avroFile().block(good.subList(0, 2))
                .blockWithStringDeclaring(HostileInputs.AVRO_MAX_ARRAY).block(good.subList(2, 4)).bytes();
        List<InputRecord> records = readAll(Files.write(dir.resolve("string.avro"), bytes));
        assertThat(records).extracting(InputRecord::isRejected)
                .containsExactly(false, false, true, true, true, false, false);
        assertThat(records.get(2).rejectReason).isEqualTo("Avro record could not be decoded: string needs"
                + " 2147483639 bytes, but only 3 are left; the 2 further records of its block are not read");
        assertThat(records.get(6).cdr).isEqualTo(good.get(3));
    }

    @Test
    void aHeaderDeclaringAHugeSchemaFailsAtOpen() throws IOException {
        Path file = Files.write(dir.resolve("header.avro"), HostileInputs.avroFileWithLyingHeader(
                HostileInputs.AVRO_MAX_ARRAY));
        assertThatThrownBy(() -> CdrFormat.AVRO.open(file, P)).isInstanceOf(IOException.class)
                .hasMessage(file + ": not an Avro object container file (its header is cut short)");
    }

    @Test
    void aFileOfAnUnrelatedSchemaFailsAtOpenNamingTheFile() throws IOException {
        Path file = Files.write(dir.resolve("reading.avro"), HostileInputs.avroFileOfUnrelatedSchema());
        assertThatThrownBy(() -> CdrFormat.AVRO.open(file, P)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": its writer schema Reading cannot be read as cdr.avsc: ");
    }

    private Path writeGeneric(String name, Schema schema, GenericRecord... records) throws IOException {
        Path file = dir.resolve(name);
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, file.toFile());
            for (GenericRecord r : records) {
                writer.append(r);
            }
        }
        return file;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** The current schema plus a field a newer producer might add. */
    private static final class SchemaWithExtraField {
        static Schema of(Schema current) {
            String json = current.toString();
            int end = json.lastIndexOf(']');
            return new Schema.Parser().parse(json.substring(0, end)
                    + ",{\"name\":\"trunk\",\"type\":[\"null\",\"string\"],\"default\":null}" + json.substring(end));
        }
    }
}
