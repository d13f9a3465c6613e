package org.hotlinepulse.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.LineMetrics;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.kafka.MetricsSerializer;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire contract may only evolve compatibly: readers of the current schema read what every
 * released version wrote, and readers of every released version read what the current one
 * writes. Released versions are kept in the jar under {@code schemas/released/vN/}; the newest
 * one of each schema is the committed one.
 */
class SchemaEvolutionUnitTest {
    private static final Path RELEASED = Path.of("src/main/resources/schemas/released");

    /** Every released version of the file, oldest first. */
    private static List<Schema> released(String file) throws IOException {
        List<Schema> versions = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            for (Path dir : dirs.sorted((a, b) -> Integer.compare(version(a), version(b))).toList()) {
                if (Files.exists(dir.resolve(file))) {
                    versions.add(new Schema.Parser().parse(Files.readString(dir.resolve(file))));
                }
            }
        }
        return versions;
    }

    private static int version(Path dir) {
        return Integer.parseInt(dir.getFileName().toString().substring(1));
    }

    private static Schema current(String file) throws IOException {
        return new Schema.Parser().parse(Files.readString(Path.of("schemas", file)));
    }

    @ParameterizedTest
    @CsvSource({"cdr.avsc", "alert.avsc", "line-metrics.avsc"})
    void currentSchemaIsFullyCompatibleWithEveryRelease(String file) throws IOException {
        Schema now = current(file);
        List<Schema> versions = released(file);
        assertThat(versions).isNotEmpty();
        for (int v = 0; v < versions.size(); v++) {
            Schema old = versions.get(v);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(now, old).getType())
                    .as("current reads release %d", v + 1).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, now).getType())
                    .as("release %d reads current", v + 1).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
        assertThat(SchemaNormalization.parsingFingerprint64(versions.get(versions.size() - 1)))
                .as("the committed schema is the newest release")
                .isEqualTo(SchemaNormalization.parsingFingerprint64(now));
    }

    @ParameterizedTest
    @CsvSource({"cdr.avsc", "alert.avsc", "line-metrics.avsc"})
    void generatedClassesAreBuiltFromTheCommittedSchemas(String file) throws IOException {
        Schema generated = switch (file) {
            case "cdr.avsc" -> Cdr.getClassSchema();
            case "alert.avsc" -> Alert.getClassSchema();
            default -> LineMetrics.getClassSchema();
        };
        assertThat(SchemaNormalization.parsingFingerprint64(generated))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current(file)));
    }

    @Test
    void metricsOfTheFirstReleaseReadAsNoProbesAndTheProbeCountsAreSkippedByItsReaders() throws IOException {
        Schema v1 = released("line-metrics.avsc").get(0);
        assertThat(v1.getField("probe_connected")).isNull();
        Counts counts = new Counts();
        counts.attempts = 3;
        counts.connected = 2;
        counts.probeAttempts = 4;
        counts.probeConnected = 1;
        LineMetrics now = MetricsSerializer.toAvro(new WindowMetrics(Scope.line, "037100000001", "dept-a",
                1_791_000_000_000L, 15, counts));

        // A v1 reader that knows the current writer's schema skips the probe counts.
        BinaryMessageDecoder<GenericRecord> v1Reader = new BinaryMessageDecoder<>(GenericData.get(), v1);
        v1Reader.addSchema(LineMetrics.getClassSchema());
        GenericRecord seenByV1 = v1Reader.decode(now.toByteBuffer());
        assertThat(seenByV1.get("attempts")).isEqualTo(3L);
        assertThat(seenByV1.hasField("probe_attempts")).isFalse();

        // What a v1 producer wrote reads with the probe counts at their default, 0.
        GenericRecord written = new GenericData.Record(v1);
        for (Schema.Field f : v1.getFields()) {
            written.put(f.name(), now.get(f.name()) instanceof java.time.Instant t ? t.toEpochMilli()
                    : now.get(f.name()));
        }
        ByteBuffer v1Message = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(written);
        BinaryMessageDecoder<LineMetrics> currentReader = LineMetrics.createDecoder(null);
        currentReader.addSchema(v1);
        LineMetrics read = currentReader.decode(v1Message);
        assertThat(read.getAttempts()).isEqualTo(3);
        assertThat(read.getProbeAttempts()).isZero();
        assertThat(read.getProbeConnected()).isZero();
    }

    @Test
    void aSchemaThatDropsARequiredFieldIsCaught() throws IOException {
        String withoutLine = Files.readString(Path.of("schemas/cdr.avsc"))
                .replaceFirst("\\{\"name\": \"line\", \"type\": \"string\"[^}]*},", "");
        Schema broken = new Schema.Parser().parse(withoutLine);
        assertThat(broken.getField("line")).isNull();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(released("cdr.avsc").get(0), broken)
                .getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }
}
