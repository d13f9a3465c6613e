package org.hotlinepulse.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.LineMetrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire contract may only evolve compatibly: readers of the current schema read what the
 * first released version wrote, and readers of the first release read what the current one writes.
 */
class SchemaEvolutionUnitTest {

    private static Schema released(String file) throws IOException {
        return new Schema.Parser().parse(
                Files.readString(Path.of("src/main/resources/schemas/released/v1", file)));
    }

    private static Schema current(String file) throws IOException {
        return new Schema.Parser().parse(Files.readString(Path.of("schemas", file)));
    }

    @ParameterizedTest
    @CsvSource({"cdr.avsc", "alert.avsc", "line-metrics.avsc"})
    void currentSchemaIsFullyCompatibleWithTheFirstRelease(String file) throws IOException {
        Schema v1 = released(file);
        Schema now = current(file);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(now, v1).getType())
                .as("current reads v1").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(v1, now).getType())
                .as("v1 reads current").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
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

    @org.junit.jupiter.api.Test
    void aSchemaThatDropsARequiredFieldIsCaught() throws IOException {
        String withoutLine = Files.readString(Path.of("schemas/cdr.avsc"))
                .replaceFirst("\\{\"name\": \"line\", \"type\": \"string\"[^}]*},", "");
        Schema broken = new Schema.Parser().parse(withoutLine);
        assertThat(broken.getField("line")).isNull();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(released("cdr.avsc"), broken)
                .getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }
}
