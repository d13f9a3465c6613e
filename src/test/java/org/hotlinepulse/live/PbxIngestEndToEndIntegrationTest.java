package org.hotlinepulse.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.config.AlertsConfig;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.JobConfigLoader;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.IngestProcess;
import org.hotlinepulse.testing.TopicTail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both PBX paths into the live job, as an operator runs them: {@code ingest --listen} receiving
 * FreeSWITCH's mod_json_cdr posts, and {@code ingest --follow} reading an Asterisk Master.csv and
 * its queue_log while the test appends to them, each {@code ingest} a process of its own, against
 * the real broker, the live job on a mini cluster and PostgreSQL. The calls happened minutes ago
 * (wall clock), in start order, so the job takes them as live: their metric rows and the alert
 * episodes they imply (the FreeSWITCH line OUT_OF_SERVICE after three failures until a call is
 * answered; the Asterisk line UNANSWERED after five connected calls until one is answered) reach
 * Kafka and PostgreSQL, and no caller number of any input reaches any of them or ingest's output.
 */
class PbxIngestEndToEndIntegrationTest {
    static final String FS_LINE = "037167890001";
    static final String ASTERISK_LINE = "037167890002";
    static final Path DIRECTORY = Path.of("src/test/resources/e2e/directory.yaml");
    static final ZoneId PBX_ZONE = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(PBX_ZONE);
    static final String HMAC_KEY = "pbx end-to-end test key, thirty-two bytes or more";
    static final List<String> TOPICS = List.of("hotline.cdr", "hotline.cdr.rejected", "hotline.cdr.late",
            "hotline.metrics", "hotline.alerts");
    static final String TELEPHONE_NUMBER = " (1 to 32 characters: digits, with an optional leading +)";
    /** The exit status of a JVM ended by SIGTERM (128 + 15). */
    static final ObjectMapper JSON = new ObjectMapper();
    /** Counts of the metrics tables compared, in this order. */
    static final List<String> COUNTS = List.of("attempts", "connected", "answered", "abandoned", "no_answer",
            "busy", "failed");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("pbxe2e");

    @TempDir
    Path dir;

    /** Every raw caller number written into an input, as dialled without a country code. */
    private final List<String> callers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void postedFreeswitchDocumentsAndAFollowedAsteriskMasterCsvBecomeMetricRowsAndAlertsOfTheLiveJob()
            throws Exception {
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(TOPICS.stream().collect(Collectors.toMap(t -> t, t -> 1)));
            Migrations.migrate(DATABASE.config(), Map.of());
            Map<String, String> env = Map.of(CallerPseudonymiser.KEY_VARIABLE, HMAC_KEY,
                    JobConfigLoader.BOOTSTRAP_SERVERS_VARIABLE, kafka.bootstrapServers());
            Path asterisk = Files.createDirectories(dir.resolve("var/log/asterisk"));
            Path master = Files.createFile(Files.createDirectories(asterisk.resolve("cdr-csv")).resolve("Master.csv"));
            Path queueLog = Files.createFile(asterisk.resolve("queue_log"));
            Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(9));
            long started = System.nanoTime();

            // Both started before the job, as they run beside the PBX.
            try (IngestProcess listener = IngestProcess.start(env, Path.of("target/fault-tests/e2e-listen.log"),
                    "--format", "freeswitch-json", "--listen", "127.0.0.1:0");
                 IngestProcess follower = IngestProcess.start(env, Path.of("target/fault-tests/e2e-follow.log"),
                         "--format", "asterisk-csv", "--follow", "--state", dir.resolve("ingest-state.json").toString(),
                         "--poll-interval", "200ms", "--queue-log", queueLog.toString(), "--cdr-timezone",
                         PBX_ZONE.getId(), master.toString())) {
                URI endpoint = listeningAt(listener);
                JobClient job = startLiveJob(kafka);
                try (TopicTail alerts = new TopicTail(kafka.bootstrapServers(), "hotline.alerts")) {
                    mark(started, "job submitted");
                    postFreeswitchCalls(endpoint, base);
                    mark(started, "posted");
                    appendAsteriskCalls(master, queueLog, base.plusSeconds(150));
                    assertThat(follower.isAlive()).as("ingest --follow is running; it printed:%n%s",
                            follower.output()).isTrue();
                    mark(started, "fed");
                    Alert outOfService = AlertBytes.decode(alerts.await("OUT_OF_SERVICE of the FreeSWITCH line",
                            m -> is(m, AlertType.OUT_OF_SERVICE, AlertState.RESOLVED), Duration.ofSeconds(60))
                            .message().value());
                    assertThat(outOfService.getLine()).isEqualTo(FS_LINE);
                    assertThat(outOfService.getStartsAt()).as("the third failed call")
                            .isEqualTo(base.plusSeconds(30));
                    assertThat(outOfService.getEndsAt()).as("the first answered call")
                            .isEqualTo(base.plusSeconds(45));
                    Alert unanswered = AlertBytes.decode(alerts.await("UNANSWERED of the Asterisk line",
                            m -> is(m, AlertType.UNANSWERED, AlertState.RESOLVED), Duration.ofSeconds(30)).message().value());
                    assertThat(unanswered.getLine()).isEqualTo(ASTERISK_LINE);
                    assertThat(unanswered.getStartsAt()).as("the fifth connected call")
                            .isEqualTo(base.plusSeconds(150 + 4 * 15));
                    assertThat(unanswered.getEndsAt()).as("the call answered via the queue")
                            .isEqualTo(base.plusSeconds(150 + 6 * 15));
                    assertThat(unanswered.getLabels()).containsEntry("mode", "QUEUE_ABANDON");
                    alerts.poll(Duration.ofMillis(500));
                    assertThat(changes(alerts, FS_LINE)).as("one page and one all-clear").containsExactly(
                            "OUT_OF_SERVICE FIRING", "OUT_OF_SERVICE RESOLVED");
                    assertThat(changes(alerts, ASTERISK_LINE)).as("one page and one all-clear").containsExactly(
                            "UNANSWERED FIRING", "UNANSWERED RESOLVED");
                    mark(started, "alerts");

                    assertThat(awaitLineCounts(Duration.ofSeconds(30))).as("metric rows in PostgreSQL").isEqualTo(Map.of(
                            // 3 failed, 2 answered via bridge, 1 abandoned in the voice menu, 1 rang out, 1 busy
                            FS_LINE, "attempts=8 connected=4 answered=2 abandoned=1 no_answer=1 busy=1 failed=3",
                            // 3 left the queue, 1 voice menu, 1 queue timeout, 1 busy, 1 answered, 1 rang out
                            ASTERISK_LINE, "attempts=8 connected=7 answered=1 abandoned=3 no_answer=3 busy=1 failed=0"));
                    mark(started, "rows");
                    assertThat(storedEpisodes()).as("the alerts table").containsExactlyInAnyOrder(
                            outOfService.getId() + " OUT_OF_SERVICE RESOLVED " + FS_LINE,
                            unanswered.getId() + " UNANSWERED RESOLVED " + ASTERISK_LINE);
                } finally {
                    cancel(job);
                }
                assertThat(listener.stop()).as(listener.output()).isZero();
                assertThat(follower.stop()).as(follower.output()).isZero();
                assertThat(listener.output()).contains(": 8 published, 1 rejected, 1 duplicate -> hotline.cdr");
                assertThat(follower.output()).contains(": 8 published, 1 rejected, 0 duplicate -> hotline.cdr");
                assertNoCallerIn("ingest's output", List.of(listener.output(), follower.output()));
            }

            List<ConsumerRecord<byte[], byte[]>> cdrs = kafka.readAll("hotline.cdr");
            List<String> published = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> message : cdrs) {
                Cdr cdr = CdrWireFormat.decode(message.value());
                published.add(cdr.getSource() + " " + cdr.getLine() + " " + cdr.getOutcome());
            }
            String fs = "freeswitch " + FS_LINE + " ";
            String ast = "asterisk " + ASTERISK_LINE + " ";
            assertThat(published).as("the CDR topic").containsExactlyInAnyOrder(
                    fs + "FAILED", fs + "FAILED", fs + "FAILED", fs + "ANSWERED", fs + "ANSWERED",
                    fs + "ABANDONED", fs + "NO_ANSWER", fs + "BUSY",
                    ast + "ABANDONED", ast + "ABANDONED", ast + "NO_ANSWER", ast + "NO_ANSWER", ast + "ABANDONED",
                    ast + "BUSY", ast + "ANSWERED", ast + "NO_ANSWER");
            List<ConsumerRecord<byte[], byte[]>> rejected = kafka.readAll("hotline.cdr.rejected");
            assertThat(rejected).extracting(m -> header(m, "reason")).as("ingest's rejections")
                    .containsExactlyInAnyOrder(
                            "field line \"0371-6789-0001\" is not a telephone number" + TELEPHONE_NUMBER,
                            "field line \"s\" is not a telephone number" + TELEPHONE_NUMBER);
            assertNoCallerIn("the CDR and rejected topics", messageTexts(cdrs, rejected));
            assertNoCallerIn("the metrics and alerts tables", tableTexts());
            mark(started, "done");
        }
    }

    /** Prints how far into the test a step ended, to see where the time goes on a loaded machine. */
    private static void mark(long started, String step) {
        System.out.printf("PbxIngestEndToEndIntegrationTest: %s after %d ms%n", step,
                (System.nanoTime() - started) / 1_000_000);
    }

    // --- the live job --------------------------------------------------------------------------------------

    /**
     * The live job on the mini cluster, reading the default topics from the start. Partitions quiet
     * for 2 s are idle, 20 s for one holding calls minutes old (docs/live.md): the windows of these
     * calls close about 20 s after the feed stops, when event time follows the clock. Until then
     * event time follows the calls, so a pause of more than 20 s within the feed would make the
     * calls after it late for the alert rules.
     */
    private static JobClient startLiveJob(InProcessKafka kafka) throws Exception {
        JobConfig config = new JobConfig(JobConfig.DEFAULTS.metrics().withMaxOutOfOrderness(Duration.ofSeconds(2)),
                new KafkaConfig(kafka.bootstrapServers(), "pbx-e2e", KafkaConfig.Topics.DEFAULTS, Map.of()),
                DATABASE.config(),
                new DirectorySourceConfig(DirectorySourceConfig.Source.YAML, DIRECTORY.toString(),
                        Duration.ofMinutes(10)),
                new RuntimeConfig(Duration.ofMillis(500), null, null, Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(2), 2),
                AlertsConfig.DEFAULTS, AlertmanagerConfig.DEFAULTS);
        LiveJob job = new LiveJob(config, Directory.load(DIRECTORY), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
        job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
        return env.executeAsync("pbx ingest end to end");
    }

    /** Cancels the job and waits until it has ended, so that it no longer reads from the broker closed next. */
    private static void cancel(JobClient job) throws Exception {
        job.cancel().get();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!job.getJobStatus().get().isGloballyTerminalState() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    // --- FreeSWITCH: mod_json_cdr posting to ingest --listen ----------------------------------------------------

    /** How a FreeSWITCH call ended; seconds after its start, 0 for never. */
    private record FsCall(String cause, int q850, String disposition, int answeredAfter, int bridgedAfter,
                          int seconds) {}

    private static URI listeningAt(IngestProcess listener) throws Exception {
        listener.awaitOutput(" for mod_json_cdr -> hotline.cdr", Duration.ofSeconds(30));
        Matcher m = Pattern.compile("listening on (http://[^ ]+/) for").matcher(listener.output());
        assertThat(m.find()).as(listener.output()).isTrue();
        return URI.create(m.group(1) + "cdr");
    }

    /**
     * Eight calls to the FreeSWITCH line 15 s apart from {@code base}, posted as mod_json_cdr posts
     * them (one document per call, after it ended), with a B-leg document, a document posted again and
     * one with a dialled number that is not a line.
     */
    private void postFreeswitchCalls(URI endpoint, Instant base) throws Exception {
        List<FsCall> calls = List.of(
                new FsCall("NORMAL_TEMPORARY_FAILURE", 41, "send_refuse", 0, 0, 2),
                new FsCall("DESTINATION_OUT_OF_ORDER", 27, "send_refuse", 0, 0, 1),
                new FsCall("NORMAL_TEMPORARY_FAILURE", 41, "send_refuse", 0, 0, 2),
                new FsCall("NORMAL_CLEARING", 16, "recv_bye", 1, 8, 95),
                new FsCall("NORMAL_CLEARING", 16, "send_bye", 1, 12, 60),
                // the voice menu answered, the caller hung up before an agent did
                new FsCall("NORMAL_CLEARING", 16, "recv_bye", 1, 0, 25),
                new FsCall("NO_ANSWER", 19, "send_cancel", 0, 0, 30),
                new FsCall("USER_BUSY", 17, "send_refuse", 0, 0, 1));
        String firstAnswered = null;
        for (int i = 0; i < calls.size(); i++) {
            String uuid = UUID.nameUUIDFromBytes(("fs-call-" + base + i).getBytes(StandardCharsets.UTF_8)).toString();
            String document = fsDocument(uuid, newCaller("+86"), FS_LINE, base.plusSeconds(15L * i), calls.get(i), null);
            assertThat(post(endpoint, document)).as("call %d", i).startsWith("200");
            if (i == 3) {
                firstAnswered = document;
                String agentLeg = fsDocument(UUID.randomUUID().toString(), newCaller("+86"), "1002",
                        base.plusSeconds(15L * i + 2), calls.get(i), uuid);
                assertThat(post(endpoint, agentLeg)).as("the B-leg").startsWith("200");
            }
            Thread.sleep(150);
        }
        assertThat(post(endpoint, firstAnswered)).as("posted again after a lost 200").startsWith("200 duplicate");
        assertThat(post(endpoint, fsDocument(UUID.randomUUID().toString(), newCaller("+86"), "0371-6789-0001",
                base.plusSeconds(120), calls.get(4), null))).startsWith("400 field line");
    }

    /** A mod_json_cdr document of an A-leg (or, with {@code aLeg}, of the B-leg bridged to it), values as strings. */
    private static String fsDocument(String uuid, String caller, String line, Instant start, FsCall call, String aLeg) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("core-uuid", "8f1c6f3e-5c1d-4b8e-9d52-2a3f1e7c0b11").put("switchname", "fs-zz-01");
        doc.putObject("channel_data").put("state", "CS_REPORTING").put("direction", aLeg == null ? "inbound" : "outbound")
                .put("state_number", "11").put("flags", "0=1;1=1;3=1;38=1;40=1");
        ObjectNode v = doc.putObject("variables");
        v.put("direction", aLeg == null ? "inbound" : "outbound").put("uuid", uuid).put("session_id", "42")
                .put("sip_from_user", caller).put("sip_from_uri", caller + "@10.20.0.1")
                .put("sip_from_host", "10.20.0.1").put("sip_req_user", line).put("sip_to_user", line)
                .put("sip_call_id", uuid.substring(0, 8) + "@10.20.0.1").put("sip_network_ip", "10.20.0.1")
                .put("caller_id_name", "Citizen").put("caller_id_number", caller)
                .put("effective_caller_id_number", caller).put("destination_number", line)
                .put("start_stamp", LOCAL.format(start));
        if (aLeg != null) {
            v.put("originating_leg_uuid", aLeg).put("originator", aLeg);
        }
        epochs(v, "start", start, 0);
        epochs(v, "answer", start, call.answeredAfter());
        epochs(v, "bridge", start, call.bridgedAfter());
        epochs(v, "end", start, call.seconds());
        v.put("duration", String.valueOf(call.seconds()))
                .put("billsec", String.valueOf(call.answeredAfter() == 0 ? 0 : call.seconds() - call.answeredAfter()))
                .put("hangup_cause", call.cause()).put("hangup_cause_q850", String.valueOf(call.q850()))
                .put("sip_hangup_disposition", call.disposition())
                .put("last_app", call.bridgedAfter() > 0 ? "bridge" : "playback");
        doc.putObject("app_log").putArray("application").addObject()
                .put("app_name", "answer").put("app_data", "");
        ObjectNode flow = doc.putArray("callflow").addObject();
        flow.put("dialplan", "XML").put("profile_index", "1");
        flow.putObject("extension").put("name", "hotline").put("number", line);
        flow.putObject("caller_profile").put("username", caller).put("dialplan", "XML")
                .put("caller_id_name", "Citizen").put("ani", caller).put("network_addr", "10.20.0.1")
                .put("caller_id_number", caller).put("destination_number", line).put("uuid", uuid)
                .put("source", "mod_sofia").put("context", "public")
                .put("chan_name", "sofia/external/" + caller + "@10.20.0.1");
        flow.putObject("times").put("created_time", String.valueOf(micros(start)))
                .put("hangup_time", String.valueOf(micros(start.plusSeconds(call.seconds()))));
        return doc.toString();
    }

    private static void epochs(ObjectNode variables, String name, Instant start, int after) {
        boolean happened = name.equals("start") || after > 0;
        Instant at = start.plusSeconds(after);
        variables.put(name + "_epoch", happened ? String.valueOf(at.getEpochSecond()) : "0")
                .put(name + "_uepoch", happened ? String.valueOf(micros(at)) : "0");
    }

    private static long micros(Instant t) {
        return t.toEpochMilli() * 1000;
    }

    /** The status and the body of the answer, e.g. {@code 200 published}. */
    private String post(URI endpoint, String document) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(document))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    // --- Asterisk: Master.csv and queue_log, appended as Asterisk writes them ------------------------------------

    /**
     * Nine calls to the Asterisk line 15 s apart from {@code base}, each appended as it would be
     * written: its queue_log events, then its Master.csv record when the caller's channel hung up.
     * The ninth arrives on an extension ({@code s}) that is not a line.
     */
    private void appendAsteriskCalls(Path master, Path queueLog, Instant base) throws Exception {
        for (int j = 0; j < 9; j++) {
            Instant s = base.plusSeconds(15L * j);
            long t = s.getEpochSecond();
            String id = t + "." + (100 + j);
            String caller = newCaller("");
            String trunk = "SIP/trunk-%08x".formatted(0x100 + 2 * j);
            String phone1 = "SIP/1001-%08x".formatted(0x101 + 2 * j);
            String phone2 = "SIP/1002-%08x".formatted(0x101 + 2 * j);
            List<String> events = new ArrayList<>();
            String record;
            switch (j) {
                case 0, 1, 4 -> { // the caller gave up waiting in the queue
                    events.add(t + 2 + "|" + id + "|support|NONE|ENTERQUEUE||" + caller + "|1");
                    events.add(t + 40 + "|" + id + "|support|SIP/1001|RINGNOANSWER|15000||");
                    events.add(t + 40 + "|" + id + "|support|NONE|ABANDON|1|1|38");
                    record = masterRecord(caller, ASTERISK_LINE, trunk, "", "Queue", "support", s, 1, 40, "ANSWERED", id, j);
                }
                case 2 -> record = masterRecord(caller, ASTERISK_LINE, trunk, "", "BackGround", "main-menu", s, 1, 30,
                        "ANSWERED", id, j);
                case 3 -> { // nobody took it: the queue's timeout
                    events.add(t + 2 + "|" + id + "|support|NONE|ENTERQUEUE||" + caller + "|1");
                    events.add(t + 17 + "|" + id + "|support|SIP/1001|RINGNOANSWER|15000||");
                    events.add(t + 32 + "|" + id + "|support|NONE|EXITWITHTIMEOUT|1|1|30");
                    record = masterRecord(caller, ASTERISK_LINE, trunk, "", "Queue", "support,,,,30", s, 1, 33,
                            "ANSWERED", id, j);
                }
                case 5 -> record = masterRecord(caller, ASTERISK_LINE, trunk, phone1, "Dial", "SIP/1001,30", s, 0, 2,
                        "BUSY", id, j);
                case 6 -> { // answered by an agent through the queue
                    events.add(t + 2 + "|" + id + "|support|NONE|ENTERQUEUE||" + caller + "|1");
                    events.add(t + 17 + "|" + id + "|support|SIP/1001|RINGNOANSWER|15000||");
                    events.add(t + 20 + "|" + id + "|support|SIP/1002|CONNECT|18|" + (t + 17) + "." + (200 + j) + "|3");
                    events.add(t + 120 + "|" + id + "|support|SIP/1002|COMPLETECALLER|18|100|1");
                    record = masterRecord(caller, ASTERISK_LINE, trunk, phone2, "Queue", "support", s, 1, 120,
                            "ANSWERED", id, j);
                }
                case 7 -> record = masterRecord(caller, ASTERISK_LINE, trunk, phone1, "Dial", "SIP/1001,30", s, 0, 30,
                        "NO ANSWER", id, j);
                default -> record = masterRecord(caller, "s", trunk, "", "Hangup", "", s, 1, 3, "ANSWERED", id, j);
            }
            append(queueLog, events);
            append(master, List.of(record));
            Thread.sleep(250);
        }
    }

    /** A Master.csv record with all 21 columns (Asterisk's defaults and newcdrcolumns); times in seconds after start, 0 = unset. */
    private static String masterRecord(String caller, String dst, String channel, String dstChannel, String app,
                                       String appData, Instant start, int answeredAfter, int seconds,
                                       String disposition, String uniqueid, int sequence) {
        String answer = answeredAfter == 0 ? "" : LOCAL.format(start.plusSeconds(answeredAfter));
        int billsec = answeredAfter == 0 ? 0 : seconds - answeredAfter;
        return String.join(",", quoted(""), quoted(caller), quoted(dst), quoted("from-pstn"),
                quoted("\"Citizen\" <" + caller + ">"), quoted(channel), quoted(dstChannel), quoted(app),
                quoted(appData), quoted(LOCAL.format(start)), quoted(answer),
                quoted(LOCAL.format(start.plusSeconds(seconds))), String.valueOf(seconds), String.valueOf(billsec),
                quoted(disposition), quoted("DOCUMENTATION"), quoted(uniqueid), quoted(""), quoted(""),
                quoted(uniqueid), String.valueOf(sequence));
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void append(Path file, List<String> lines) throws Exception {
        if (!lines.isEmpty()) {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
        }
    }

    // --- what the job wrote ------------------------------------------------------------------------------------

    /** A fresh mobile number of a caller, noted for the privacy checks. */
    private String newCaller(String prefix) {
        String number = "139%08d".formatted(20_000_000 + callers.size() * 7_919);
        callers.add(number);
        return prefix + number;
    }

    private static boolean is(ConsumerRecord<byte[], byte[]> message, AlertType type, AlertState state) {
        try {
            Alert alert = AlertBytes.decode(message.value());
            return alert.getType() == type && alert.getState() == state;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * "TYPE STATE" of each OUT_OF_SERVICE and UNANSWERED change of {@code line} received so far, in
     * order (the order between lines is not given: their detectors run apart).
     */
    private static List<String> changes(TopicTail alerts, String line) throws Exception {
        List<String> changes = new ArrayList<>();
        for (TopicTail.Received r : alerts.received()) {
            Alert a = AlertBytes.decode(r.message().value());
            if ((a.getType() == AlertType.OUT_OF_SERVICE || a.getType() == AlertType.UNANSWERED)
                    && line.equals(a.getLine())) {
                changes.add(a.getType() + " " + a.getState());
            }
        }
        return changes;
    }

    /**
     * The counts of the one-minute rows of line_metrics, summed per line, once they hold every
     * call or {@code timeout} passes (the last reading then).
     */
    private static Map<String, String> awaitLineCounts(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> counts = lineCounts();
        while (!(counts.containsKey(FS_LINE) && counts.containsKey(ASTERISK_LINE)
                && counts.values().stream().allMatch(c -> c.startsWith("attempts=8 "))) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            counts = lineCounts();
        }
        return counts;
    }

    private static Map<String, String> lineCounts() throws Exception {
        String sums = String.join(", ", COUNTS.stream().map(c -> "sum(" + c + ")").toList());
        Map<String, String> counts = new TreeMap<>();
        try (Connection c = DATABASE.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT line, " + sums + " FROM line_metrics WHERE window_minutes = 1"
                     + " GROUP BY line")) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < COUNTS.size(); i++) {
                    values.add(COUNTS.get(i) + "=" + rs.getLong(i + 2));
                }
                counts.put(rs.getString(1), String.join(" ", values));
            }
        }
        return counts;
    }

    private static List<String> storedEpisodes() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DATABASE.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, type, state, line FROM alerts"
                     + " WHERE type IN ('OUT_OF_SERVICE', 'UNANSWERED')")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return rows;
    }

    /** Every row of the metrics and alerts tables as text. */
    private static List<String> tableTexts() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DATABASE.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("line_metrics", "department_metrics", "alerts")) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
        }
        assertThat(rows).as("rows to look through").isNotEmpty();
        return rows;
    }

    @SafeVarargs
    private static List<String> messageTexts(List<ConsumerRecord<byte[], byte[]>>... topics) {
        List<String> texts = new ArrayList<>();
        for (List<ConsumerRecord<byte[], byte[]>> topic : topics) {
            for (ConsumerRecord<byte[], byte[]> message : topic) {
                texts.add(new String(message.value(), StandardCharsets.ISO_8859_1));
                if (message.key() != null) {
                    texts.add(new String(message.key(), StandardCharsets.ISO_8859_1));
                }
                for (Header header : message.headers()) {
                    texts.add(new String(header.value(), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return texts;
    }

    private static String header(ConsumerRecord<byte[], byte[]> message, String name) {
        Header header = message.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void assertNoCallerIn(String where, List<String> texts) {
        assertThat(callers).as("callers written").hasSize(8 + 2 + 9);
        for (String caller : callers) {
            assertThat(texts).as("%s holds no raw caller number", where)
                    .allSatisfy(text -> assertThat(text).doesNotContain(caller));
        }
    }
}
