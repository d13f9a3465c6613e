package org.hotlinepulse.serialization;

import org.apache.avro.Schema;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.hotlinepulse.alerts.FeedEvent;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.InputRecordCodec;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.MinuteCounts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.LineEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecsUnitTest {

    @Test
    void aCdrWithEveryFieldSetCrossesUnchanged() throws IOException {
        Cdr cdr = new Cdr("pbx-1:42", "037167890001", "a".repeat(64), Instant.ofEpochMilli(1_760_000_000_123L),
                Instant.ofEpochMilli(1_760_000_003_000L), Instant.ofEpochMilli(1_760_000_009_000L),
                Instant.ofEpochMilli(1_760_000_090_000L), Outcome.ANSWERED, 16, ReleasedBy.HOTLINE, true, true,
                "agent-7", "pbx-1", false, 4);
        InputRecord record = InputRecord.parsed("cdrs.wire", 17, cdr);

        InputRecord copy = roundTrip(InputRecord.class, record);

        assertThat(copy).isEqualTo(record);
        assertThat(copy.cdr).isNotSameAs(cdr);
    }

    @Test
    void aCdrWithEveryOptionalFieldAbsentCrossesUnchanged() throws IOException {
        Cdr cdr = new Cdr("c", "12345", null, Instant.ofEpochMilli(0), null, null, Instant.ofEpochMilli(1), null,
                null, null, false, false, null, null, null, null);

        assertThat(roundTrip(InputRecord.class, InputRecord.parsed("f", 1, cdr))).isEqualTo(InputRecord.parsed("f", 1, cdr));
    }

    @Test
    void theCodecWritesEveryFieldOfTheCdrSchema() {
        // A field added to schemas/cdr.avsc must be added to InputRecordCodec too: this count is the reminder.
        assertThat(Cdr.getClassSchema().getFields()).extracting(Schema.Field::name).hasSize(16);
    }

    @Test
    void aRejectedRecordKeepsItsReasonTextAndBytes() throws IOException {
        InputRecord rejected = InputRecord.rejected("hotline.cdr", 9, "start_time: not a time", "{\"line\":\"1\"}");
        rejected.payload = new byte[] {(byte) 0xC3, 0x01, 0, 7};

        InputRecord copy = roundTrip(InputRecord.class, rejected);

        assertThat(copy).isEqualTo(rejected);
        assertThat(copy.payload).containsExactly(0xC3, 0x01, 0, 7);
    }

    @Test
    void callsCrossUnchanged() throws IOException {
        LineEvent call = LineEvent.call("12345", new Attempt(1_000, 9_000, Outcome.ABANDONED, false, true, true, "pbx"));
        LineEvent probe = LineEvent.call("12345", new Attempt(1_000, 2_000, Outcome.FAILED, true, false, false, "p"));

        assertThat(roundTrip(LineEvent.class, call)).usingRecursiveComparison().isEqualTo(call);
        assertThat(roundTrip(LineEvent.class, probe)).usingRecursiveComparison().isEqualTo(probe);
    }

    @Test
    void feedEventsMinutesAndRowsCrossUnchanged() throws IOException {
        FeedEvent feed = new FeedEvent();
        feed.source = "pbx-2";
        feed.line = "12345";
        feed.startTime = 77;
        Counts counts = Counts.ofColumnValues(LongStream.rangeClosed(1, Counts.COLUMNS.size()).toArray());
        MinuteCounts minute = new MinuteCounts("12345", "dept", 60_000, counts);
        WindowMetrics line = new WindowMetrics(Scope.line, "12345", "dept", 900_000, 15, counts);
        WindowMetrics department = new WindowMetrics(Scope.department, "dept", null, 0, 60, counts);

        assertThat(roundTrip(FeedEvent.class, feed)).usingRecursiveComparison().isEqualTo(feed);
        assertThat(roundTrip(MinuteCounts.class, minute)).usingRecursiveComparison().isEqualTo(minute);
        assertThat(roundTrip(WindowMetrics.class, line)).usingRecursiveComparison().isEqualTo(line);
        assertThat(roundTrip(WindowMetrics.class, department)).usingRecursiveComparison().isEqualTo(department);
    }

    @Test
    void flinkCopiesThroughTheCodecWhereObjectReuseIsOff() {
        FeedEvent feed = new FeedEvent();
        feed.source = "pbx";
        TypeSerializer<FeedEvent> serializer = serializer(FeedEvent.class);

        FeedEvent copy = serializer.copy(feed);

        assertThat(copy).isNotSameAs(feed).usingRecursiveComparison().isEqualTo(feed);
    }

    @Test
    void aSerializerRestoredFromItsSnapshotIsTheSame() throws IOException {
        TypeSerializer<InputRecord> serializer = serializer(InputRecord.class);
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());

        TypeSerializerSnapshot<InputRecord> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
        assertThat(serializer(LineEvent.class).snapshotConfiguration()
                .resolveSchemaCompatibility((TypeSerializerSnapshot) restored).isIncompatible()).isTrue();
    }

    @Test
    void aCorruptEnumOrLengthIsAnErrorNotAnAllocation() {
        DataOutputSerializer out = new DataOutputSerializer(16);
        assertThatThrownBy(() -> {
            out.writeInt(-5);
            NullableFields.readBytes(new DataInputDeserializer(out.getCopyOfBuffer()));
        }).hasMessageContaining("length -5");
        assertThatThrownBy(() -> NullableFields.readEnum(Outcome.values(),
                new DataInputDeserializer(new byte[] {9}))).hasMessageContaining("no constant 9");
    }

    private static <T> T roundTrip(Class<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = serializer(type);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T read = serializer.deserialize(in);
        assertThat(in.available()).as("every byte written is read").isZero();
        return read;
    }

    private static <T> TypeSerializer<T> serializer(Class<T> type) {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).as(type.getSimpleName()).isInstanceOf(SerializerTypeInfo.class);
        return info.createSerializer(new SerializerConfigImpl());
    }
}
