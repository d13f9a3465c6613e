package org.hotlinepulse.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrFixtures;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.simulate.WireFileCdrOutput;
import org.hotlinepulse.testing.InProcessKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ingest --format wire} against a real broker: a file of length-prefixed CDR messages (what
 * {@code simulate --to wire} and {@code bench} write) is published message for message, keyed by line,
 * and a broken message goes to the dead-letter topic with its reason and position.
 */
class IngestWireIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void aWireFileIsPublishedMessageForMessageAndABrokenOneIsRejected() throws Exception {
        List<Cdr> cdrs = List.of(
                CdrFixtures.answered(CdrFixtures.LINE, CdrFixtures.T0, Duration.ofSeconds(5), Duration.ofMinutes(2)),
                CdrFixtures.busy(CdrFixtures.OTHER_LINE, CdrFixtures.T0.plusSeconds(40)),
                CdrFixtures.failed(CdrFixtures.LINE, CdrFixtures.T0.plusSeconds(90)));
        Path file = dir.resolve("cdrs.wire");
        try (WireFileCdrOutput out = new WireFileCdrOutput(file)) {
            for (Cdr cdr : cdrs) {
                out.write(cdr);
            }
        }
        // A fourth message: five bytes that are no single-object encoding.
        Files.write(file, ByteBuffer.allocate(9).putInt(5).put("hello".getBytes(StandardCharsets.US_ASCII)).array(),
                StandardOpenOption.APPEND);

        try (InProcessKafka kafka = new InProcessKafka()) {
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            IngestCounts counts;
            try (KafkaIngestOutput output = new KafkaIngestOutput(client, "wire.cdr", "wire.rejected", null)) {
                counts = new Ingest(CdrFormat.WIRE, CdrFixtures.PSEUDONYMISER,
                        new CdrInputOptions("wire-test", ZoneOffset.UTC, List.of(), null), output,
                        new PrintStream(errors, true, StandardCharsets.UTF_8)).files(List.of(file), false);
            }

            assertThat(counts.read()).isEqualTo(4);
            assertThat(counts.published()).isEqualTo(3);
            assertThat(counts.rejected()).isEqualTo(1);
            List<Cdr> published = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> message : kafka.readAll("wire.cdr")) {
                Cdr cdr = CdrWireFormat.decode(message.value());
                assertThat(new String(message.key(), StandardCharsets.UTF_8)).isEqualTo(cdr.getLine());
                published.add(cdr);
            }
            assertThat(published).extracting(Cdr::getCallId).containsExactlyElementsOf(
                    cdrs.stream().map(Cdr::getCallId).toList());
            assertThat(published).extracting(Cdr::getOutcome).doesNotContainNull();
            assertThat(kafka.readAll("wire.rejected")).singleElement().satisfies(rejected ->
                    assertThat(new String(rejected.headers().lastHeader("reason").value(), StandardCharsets.UTF_8))
                            .isNotBlank());
        }
    }
}
