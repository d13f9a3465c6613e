package org.hotlinepulse.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.ingest.Follow;
import org.hotlinepulse.ingest.FollowState;
import org.hotlinepulse.ingest.Ingest;
import org.hotlinepulse.ingest.JsonCdrListener;
import org.hotlinepulse.ingest.IngestCounts;
import org.hotlinepulse.ingest.KafkaIngestOutput;
import org.hotlinepulse.cdr.CdrInputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hotline-pulse ingest}: PBX CDR files in, pseudonymised canonical Avro CDRs out to Kafka (docs/ingest.md). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Reads CDR files, replaces caller numbers by their keyed hash and publishes canonical Avro "
                + "CDRs to Kafka, keyed by line.",
                "Bad records go to the rejected topic (or --rejected FILE) with their reason; the summary "
                        + "(read, published, rejected, duplicate) is printed on stderr.",
                "Brokers, topic and client properties: the kafka section of --config."})
final class IngestCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR",
            description = "CDR files, or folders whose files are read in name order (for freeswitch-json: its "
                    + "*.json files, as mod_json_cdr's log-dir writes them).")
    List<Path> inputs;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "Format of the files: jsonl, avro, asterisk-csv, mapped-csv, freeswitch-csv or "
                    + "freeswitch-json.")
    String format;

    @Mixin
    JobConfigOption config = new JobConfigOption();

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Topic for the CDRs (default: the config's kafka.topics.cdr, hotline.cdr).")
    String topic;

    @Option(names = "--rejected", paramLabel = "FILE",
            description = "Append rejected records to this JSON Lines file instead of the rejected topic.")
    Path rejected;

    @Mixin
    PbxOptions pbxOptions = new PbxOptions();

    @Option(names = "--follow",
            description = "Keep reading the files as the PBX appends to them, through log rotation, until stopped "
                    + "(SIGTERM or Ctrl-C finish the piece in hand first). Needs --state.")
    boolean follow;

    @Option(names = "--state", paramLabel = "FILE",
            description = "With --follow: where the read position of each file is kept, so that a restart neither "
                    + "skips nor repeats records.")
    Path stateFile;

    @Option(names = "--positions-topic", defaultValue = "hotline.ingest.positions", paramLabel = "TOPIC",
            description = "With --follow: the compacted topic where the positions are committed in the same Kafka "
                    + "transaction as the records (default: ${DEFAULT-VALUE}).")
    String positionsTopic;

    @Option(names = "--ingest-id", paramLabel = "NAME",
            description = "With --follow: this ingest's transactional id, unique per followed PBX (default: "
                    + "derived from this host's name and the --state path; set it where host names change, "
                    + "as in containers).")
    String ingestId;

    @Option(names = "--poll-interval", defaultValue = "1s", paramLabel = "DURATION",
            description = "With --follow: how long to wait when no file has grown (default: ${DEFAULT-VALUE}).")
    String pollInterval;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Instead of files: receive the documents FreeSWITCH's mod_json_cdr posts (--format "
                    + "freeswitch-json), answering 200 once Kafka has each one.")
    String listen;

    /** The environment; a field so that tests can hand in their own. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws Exception {
        try {
            CallerPseudonymiser pseudonymiser = CommandInputs.configuredPseudonymiser(
                    "no HMAC key for caller numbers", env);
            CdrFormat cdrFormat = ReplayCommand.parseFormat(format);
            CdrInputOptions pbx = pbxOptions.of(cdrFormat, ZoneId.systemDefault());
            if (listen != null && pbxOptions.namesFiles()) {
                throw new UsageError("--queue-log, --line-map and --mapping read files: they do not go with --listen");
            }
            if (listen != null) {
                return listen(cdrFormat, pseudonymiser, pbx);
            }
            if (inputs == null || inputs.isEmpty()) {
                throw new UsageError("name the CDR files or folders to read (or --listen HOST:PORT)");
            }
            List<Path> files = expand(inputs, cdrFormat);
            if (rejected != null) {
                CommandInputs.requireUsableOutputFile(rejected);
            }
            KafkaConfig kafka = config.kafka(env);
            String cdrTopic = topic != null ? topic : kafka.topics().cdr();
            if (follow) {
                return follow(cdrFormat, pseudonymiser, pbx, files, kafka, cdrTopic);
            }
            IngestCounts counts;
            try (KafkaIngestOutput output = new KafkaIngestOutput(kafka.clientProperties(env), cdrTopic,
                    kafka.topics().rejected(), rejected)) {
                Ingest ingest = new Ingest(cdrFormat, pseudonymiser, pbx, output, System.err);
                try {
                    counts = ingest.files(files, System.console() != null);
                } catch (IOException e) {
                    System.err.println("hotline-pulse ingest: " + e.getMessage() + " (" + ingest.counts().line()
                            + " before it)");
                    return 1;
                }
            }
            System.err.println("ingest: " + counts.line() + " -> " + cdrTopic);
            return 0;
        } catch (UsageError e) {
            System.err.println("hotline-pulse ingest: " + e.getMessage());
            return 2;
        }
    }

    private int listen(CdrFormat cdrFormat, CallerPseudonymiser pseudonymiser, CdrInputOptions pbx)
            throws UsageError, IOException, InterruptedException {
        if (cdrFormat != CdrFormat.FREESWITCH_JSON) {
            throw new UsageError("--listen receives mod_json_cdr documents: use it with --format freeswitch-json");
        }
        if ((inputs != null && !inputs.isEmpty()) || follow) {
            throw new UsageError("--listen reads no files: leave out FILE|DIR and --follow");
        }
        InetSocketAddress address = listenAddress(listen);
        KafkaConfig kafka = config.kafka(env);
        String cdrTopic = topic != null ? topic : kafka.topics().cdr();
        StopOnSignal stop = StopOnSignal.install();
        try (KafkaIngestOutput output = new KafkaIngestOutput(kafka.clientProperties(env), cdrTopic,
                kafka.topics().rejected(), rejected);
             JsonCdrListener listener = new JsonCdrListener(address, pseudonymiser, pbx, output, System.err)) {
            System.err.println("ingest: listening on http://" + listener.address().getHostString() + ":"
                    + listener.address().getPort() + "/ for mod_json_cdr -> " + cdrTopic);
            stop.await();
            System.err.println("ingest: " + listener.counts().line() + " -> " + cdrTopic);
        } catch (BindException e) {
            throw new UsageError("--listen " + listen + ": " + e.getMessage());
        }
        return 0;
    }

    static InetSocketAddress listenAddress(String text) throws UsageError {
        int colon = text.lastIndexOf(':');
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (colon < 1 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(text.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new UsageError("--listen: \"" + text + "\" is not HOST:PORT (e.g. 127.0.0.1:8091)");
        }
    }

    private int follow(CdrFormat cdrFormat, CallerPseudonymiser pseudonymiser, CdrInputOptions pbx, List<Path> files,
                       KafkaConfig kafka, String cdrTopic) throws UsageError, IOException, InterruptedException {
        if (stateFile == null) {
            throw new UsageError("--follow needs --state FILE, where the read positions are kept");
        }
        CommandInputs.requireUsableOutputFile(stateFile);
        for (Path file : files) {
            if (cdrFormat == CdrFormat.FREESWITCH_JSON && file.getFileName().toString().endsWith(".json")) {
                throw new UsageError(file + ": a .json file is one whole mod_json_cdr document, written once: "
                        + "read it without --follow (or receive the documents with --listen)");
            }
        }
        try {
            Follow.requireFollowable(cdrFormat, files);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        long idleMillis = CommandInputs.positiveDuration("--poll-interval", pollInterval).toMillis();
        FollowState state;
        try {
            state = FollowState.load(stateFile);
        } catch (IOException e) {
            throw new UsageError(e.getMessage());
        }
        String transactionalId = ingestId != null ? ingestId : defaultIngestId(stateFile);
        StopOnSignal stop = StopOnSignal.install();
        try (KafkaIngestOutput output = KafkaIngestOutput.transactional(kafka.clientProperties(env), cdrTopic,
                kafka.topics().rejected(), rejected, transactionalId, positionsTopic)) {
            try {
                state = state.newerOf(output.lastCommittedPositions());
            } catch (IOException e) {
                throw new UsageError(e.getMessage());
            }
            Follow following = new Follow(cdrFormat, pseudonymiser, pbx, output, files, state, System.err);
            try {
                following.run(stop.requested(), idleMillis);
            } catch (IOException e) {
                System.err.println("hotline-pulse ingest: " + e.getMessage() + " (" + following.counts().line()
                        + " before it; a restart resumes after the last piece committed to Kafka)");
                return 1;
            }
            System.err.println("ingest: " + following.counts().line() + " -> " + cdrTopic);
            return 0;
        }
    }

    /** {@code hotline-pulse-ingest-} and a hash of this host's name and the state file's absolute path. */
    static String defaultIngestId(Path stateFile) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String seed = host + "|" + stateFile.toAbsolutePath().normalize();
        return "hotline-pulse-ingest-" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString()
                .substring(0, 13);
    }

    /** The files named, with each folder replaced by its files in name order. */
    static List<Path> expand(List<Path> inputs, CdrFormat format) throws UsageError {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    listing.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(f -> format != CdrFormat.FREESWITCH_JSON
                                    || f.getFileName().toString().endsWith(".json"))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UsageError(input + ": folder cannot be read: " + e.getMessage());
                }
            } else {
                CommandInputs.requireReadableFiles(List.of(input));
                files.add(input);
            }
        }
        return files;
    }
}
