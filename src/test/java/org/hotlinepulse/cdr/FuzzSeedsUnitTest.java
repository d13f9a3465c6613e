package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.Cdr;
import org.junit.jupiter.api.Test;

/**
 * The committed seed corpus of the fuzz tests ({@code src/test/resources/.../*FuzzTestInputs/<method>/}) holds the
 * inputs that crashed the decoders before issue 12 and the framing attacks on wire files, so that every normal test
 * run replays them. This test keeps the
 * files equal to what {@link HostileInputs} builds; {@code -Dhotlinepulse.writeFuzzSeeds=true} rewrites them.
 */
class FuzzSeedsUnitTest {

    private static final Path RESOURCES = Path.of("src/test/resources/org/hotlinepulse");

    static Map<Path, byte[]> seeds() throws IOException {
        Map<Path, byte[]> seeds = new LinkedHashMap<>();
        Path kafka = RESOURCES.resolve("kafka/CdrDeserializerFuzzTestInputs/deserialize");
        seeds.put(kafka.resolve("valid-message"), CdrWireFormat.encode(HostileInputs.cdrs("seed", 1).get(0)));
        seeds.put(kafka.resolve("poison-string-2gb"), HostileInputs.messageDeclaringString(HostileInputs.AVRO_MAX_ARRAY));
        seeds.put(kafka.resolve("poison-string-int-max"), HostileInputs.messageDeclaringString(HostileInputs.INT_MAX));
        seeds.put(kafka.resolve("poison-string-2-pow-31"), HostileInputs.messageDeclaringString(1L << 31));
        seeds.put(kafka.resolve("oversized-64kib-plus-1"), Arrays.copyOf(
                CdrWireFormat.encode(HostileInputs.cdrs("big", 1).get(0)), CdrWireFormat.MAX_MESSAGE_BYTES + 1));

        Path avro = RESOURCES.resolve("cdr/AvroCdrReaderFuzzTestInputs/read");
        List<Cdr> good = HostileInputs.cdrs("seed", 6);
        seeds.put(avro.resolve("valid.avro"), HostileInputs.avroFile(List.of(good.subList(0, 3), good.subList(3, 6))));
        seeds.put(avro.resolve("valid-deflate.avro"), deflateFile(good));
        seeds.put(avro.resolve("lying-count-2-pow-40.avro"), HostileInputs.avroFile().block(good.subList(0, 3))
                .blockDeclaringCount(good.subList(3, 6), HostileInputs.LYING_COUNT).bytes());
        seeds.put(avro.resolve("lying-size-2gb.avro"), HostileInputs.avroFile().block(good.subList(0, 3))
                .blockDeclaringSize(HostileInputs.LYING_SIZE).bytes());
        seeds.put(avro.resolve("record-string-2gb.avro"), HostileInputs.avroFile().block(good.subList(0, 3))
                .blockWithStringDeclaring(HostileInputs.AVRO_MAX_ARRAY).block(good.subList(3, 6)).bytes());
        seeds.put(avro.resolve("lying-header-2gb.avro"), HostileInputs.avroFileWithLyingHeader(HostileInputs.AVRO_MAX_ARRAY));
        seeds.put(avro.resolve("other-schema-alert.avro"), HostileInputs.avroFileOfSchema(Alert.getClassSchema()));
        seeds.put(avro.resolve("other-schema-reading.avro"), HostileInputs.avroFileOfUnrelatedSchema());

        Path jsonl = RESOURCES.resolve("cdr/JsonLinesCdrReaderFuzzTestInputs/read");
        StringBuilder lines = new StringBuilder();
        good.forEach(cdr -> lines.append(CdrJson.toJson(cdr)).append('\n'));
        seeds.put(jsonl.resolve("valid.jsonl"), utf8(lines.toString()));
        seeds.put(jsonl.resolve("mixed.jsonl"), utf8("\uFEFF" + CdrJson.toJson(good.get(0)) + "\r\n\n  \n"
                + "{\"call_id\":\"x\",\"line\":\"+8637\",\"start_time\":1760230000000,\"end_time\":\"2026-10-12T09:05:00+08:00\","
                + "\"caller_hash\":\"+86 138 0013 8000\",\"satisfaction\":9}\n[1,2]\n{\"call_id\":\n\u0000\u00ff"));

        Path wire = RESOURCES.resolve("cdr/WireFileCdrReaderFuzzTestInputs/read");
        byte[][] messages = good.stream().map(CdrWireFormat::encode).toArray(byte[][]::new);
        seeds.put(wire.resolve("valid.wire"), HostileInputs.wireFile(messages));
        seeds.put(wire.resolve("mixed.wire"), HostileInputs.wireFile(messages[0],
                HostileInputs.messageDeclaringString(HostileInputs.AVRO_MAX_ARRAY), utf8("{\"caller\":\"13800001234\"}"),
                CdrWireFormat.encode(CdrFixtures.cdr().callId("raw-caller").callerHash("13800001234").satisfaction(9)
                        .buildUnchecked()),
                new byte[0], messages[1]));
        seeds.put(wire.resolve("lying-length-4gb.wire"), HostileInputs.concat(HostileInputs.wireFile(messages[0]),
                HostileInputs.wireLength(0xFFFF_FFFFL)));

        Path yaml = RESOURCES.resolve("directory/DirectoryYamlLoaderFuzzTestInputs/parse");
        seeds.put(yaml.resolve("zhengzhou.yaml"), Files.readAllBytes(Path.of("src/test/resources/directory/zhengzhou.yaml")));
        seeds.put(yaml.resolve("example.yaml"), Files.readAllBytes(Path.of("examples/directory.yaml")));
        seeds.put(yaml.resolve("misspelt.yaml"), utf8("departments:\n  - {id: a, nmae: A}\nlines:\n"
                + "  - {number: \"123\", department: b, name: X, hours: \"Mon-Fri 25:00-12:00\"}\n"));
        return seeds;
    }

    @Test
    void theCommittedSeedsAreTheCrashersOfIssue12() throws IOException {
        boolean write = Boolean.getBoolean("hotlinepulse.writeFuzzSeeds");
        for (Map.Entry<Path, byte[]> seed : seeds().entrySet()) {
            if (write) {
                Files.createDirectories(seed.getKey().getParent());
                Files.write(seed.getKey(), seed.getValue());
            }
            assertThat(seed.getKey()).as("rewrite with -Dhotlinepulse.writeFuzzSeeds=true").hasBinaryContent(seed.getValue());
        }
    }

    private static byte[] deflateFile(List<Cdr> cdrs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<Cdr> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Cdr.class))) {
            writer.setCodec(CodecFactory.deflateCodec(6));
            writer.create(Cdr.getClassSchema(), out, "hotline-pulse-12".getBytes(StandardCharsets.US_ASCII));
            for (Cdr cdr : cdrs) {
                writer.append(cdr);
            }
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
