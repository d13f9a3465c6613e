package org.hotlinepulse.serialization;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.hotlinepulse.bench.SimulatedTraffic;
import org.hotlinepulse.cdr.InputRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The keyBy hop by line between the CDR source and the line windows: an {@link InputRecord} written by the
 * serializer Flink takes for it ({@link CodecSerializer} over {@code cdr.InputRecordCodec}) into a reused
 * {@link DataOutputSerializer} and read back through a reused {@link DataInputDeserializer}, as the network stack
 * does on either side of the shuffle. The records are the simulated traffic's, cycled through.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecSerializerMicrobenchmark {
    private InputRecord[] records;
    private TypeSerializer<InputRecord> serializer;
    private final DataOutputSerializer out = new DataOutputSerializer(512);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private int next;

    @Setup
    public void generate() {
        SimulatedTraffic traffic = SimulatedTraffic.generate();
        records = new InputRecord[SimulatedTraffic.CDRS];
        for (int i = 0; i < records.length; i++) {
            records[i] = InputRecord.parsed("hotline.cdr-0", i, traffic.cdr(i));
        }
        serializer = TypeInformation.of(InputRecord.class).createSerializer(new SerializerConfigImpl());
        if (!(serializer instanceof CodecSerializer)) {
            throw new IllegalStateException("InputRecord is not written by its codec but by " + serializer);
        }
    }

    @Benchmark
    public InputRecord writeAndRead() throws IOException {
        int i = next;
        next = i + 1 == records.length ? 0 : i + 1;
        out.clear();
        serializer.serialize(records[i], out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }
}
