package org.hotlinepulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.testing.CdrSamples;
import org.hotlinepulse.testing.InProcessKafka;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code ingest --listen}: documents posted as mod_json_cdr posts them are answered 200 once they are in Kafka. */
class JsonCdrListenerIntegrationTest {

    private static final Path SAMPLE = CdrSamples.resolve("freeswitch-json-cgrates/fs_mod_json_cdr_body.json");
    private static final String CALLER = "+8613800138000";

    private static String document(String uuid, String line) {
        return "{\"variables\":{\"uuid\":\"" + uuid + "\",\"start_epoch\":\"1791766991\",\"end_epoch\":"
                + "\"1791767051\",\"bridge_epoch\":\"1791766999\",\"hangup_cause\":\"NORMAL_CLEARING\","
                + "\"sip_hangup_disposition\":\"recv_bye\",\"sip_from_user\":\"" + CALLER + "\"},"
                + "\"callflow\":[{\"profile_index\":\"1\",\"caller_profile\":{\"caller_id_number\":\"" + CALLER
                + "\",\"destination_number\":\"" + line + "\"}}]}";
    }

    private static HttpResponse<String> post(HttpClient http, InetSocketAddress at, String contentType, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/cdr"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postedDocumentsArePublishedBeforeThe200AndBadOnesGetTheirReason() throws Exception {
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of("listen.cdr", 1, "listen.rejected", 1));
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            CallerPseudonymiser key = new CallerPseudonymiser(
                    "listen test key, thirty-two bytes or more".getBytes(StandardCharsets.UTF_8));
            HttpClient http = HttpClient.newHttpClient();
            try (KafkaIngestOutput output = new KafkaIngestOutput(client, "listen.cdr", "listen.rejected", null);
                 JsonCdrListener listener = new JsonCdrListener(new InetSocketAddress("127.0.0.1", 0), key,
                         new CdrInputOptions("freeswitch", ZoneId.of("Asia/Shanghai"), List.of(), null), output,
                         new PrintStream(errors, true, StandardCharsets.UTF_8))) {
                InetSocketAddress at = listener.address();
                HttpResponse<String> raw = post(http, at, "application/json", document("u-1", "12345"));
                assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
                // Published before the answer: it is on the topic now.
                assertThat(kafka.readAll("listen.cdr")).hasSize(1);

                String form = "cdr=" + URLEncoder.encode(document("u-2", "12345"), StandardCharsets.UTF_8);
                assertThat(post(http, at, "application/x-www-form-urlencoded", form).statusCode()).isEqualTo(200);
                String base64 = Base64.getEncoder().encodeToString(
                        document("u-3", "12345").getBytes(StandardCharsets.UTF_8));
                assertThat(post(http, at, "application/octet-stream", base64).statusCode()).isEqualTo(200);
                HttpResponse<String> again = post(http, at, "application/json", document("u-1", "12345"));
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.body()).startsWith("duplicate");

                HttpResponse<String> bad = post(http, at, "application/json", document("u-4", "0371-6789"));
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).startsWith("field line \"0371-6789\" is not a telephone number");
                HttpResponse<String> broken = post(http, at, "application/json", "{\"variables\":{\"caller\":\""
                        + CALLER);
                assertThat(broken.statusCode()).isEqualTo(400);
                assertThat(broken.body()).startsWith("not a JSON document").doesNotContain("13800138000");
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);

                if (Files.isRegularFile(SAMPLE)) {
                    assertThat(post(http, at, "application/json", Files.readString(SAMPLE)).statusCode())
                            .isEqualTo(200);
                }
                int posted = Files.isRegularFile(SAMPLE) ? 7 : 6;
                assertThat(listener.counts().line()).startsWith("read " + posted + " records: ");
            }
            List<ConsumerRecord<byte[], byte[]>> cdrs = kafka.readAll("listen.cdr");
            assertThat(cdrs).hasSize(Files.isRegularFile(SAMPLE) ? 4 : 3);
            for (ConsumerRecord<byte[], byte[]> m : cdrs) {
                Cdr cdr = CdrWireFormat.decode(m.value());
                assertThat(new String(m.key(), StandardCharsets.UTF_8)).isEqualTo(cdr.getLine());
            }
            List<ConsumerRecord<byte[], byte[]>> rejected = kafka.readAll("listen.rejected");
            assertThat(rejected).hasSize(2);
            for (ConsumerRecord<byte[], byte[]> m : rejected) {
                assertThat(new String(m.value(), StandardCharsets.UTF_8)).doesNotContain("13800138000");
            }
            assertThat(errors.toString(StandardCharsets.UTF_8)).doesNotContain("13800138000");
            Assumptions.assumeTrue(Files.isRegularFile(SAMPLE), "the real sample " + SAMPLE + " is absent: it was"
                    + " not posted; " + CdrSamples.howToSet());
        }
    }
}
