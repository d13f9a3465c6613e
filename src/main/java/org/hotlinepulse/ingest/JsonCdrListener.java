package org.hotlinepulse.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.DeduplicatingCdrReader;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.freeswitch.FreeswitchJsonReader;

/**
 * {@code ingest --listen}: an HTTP endpoint that FreeSWITCH's {@code mod_json_cdr} posts its documents to
 * (docs/ingest.md). It answers 200 only once the CDR is acknowledged by Kafka, so that FreeSWITCH's own retries
 * (and its err-log-dir) cover every failure: 400 with the reason for a document that cannot be used (sent to the
 * rejected output too), 413 for one too large, 503 when Kafka fails.
 */
public final class JsonCdrListener implements AutoCloseable {

    /** Largest request body: a document of {@link FreeswitchJsonReader#MAX_DOCUMENT_BYTES}, URL- or Base64-encoded. */
    static final int MAX_BODY_BYTES = 3 * FreeswitchJsonReader.MAX_DOCUMENT_BYTES;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final CallerPseudonymiser pseudonymiser;
    private final CdrInputOptions pbx;
    private final IngestOutput output;
    private final PrintStream errors;
    private final DeduplicatingCdrReader.SeenCallIds seen = new DeduplicatingCdrReader.SeenCallIds();
    private final IngestCounts counts = new IngestCounts();
    private final Object lock = new Object();
    private long requests;

    public JsonCdrListener(InetSocketAddress address, CallerPseudonymiser pseudonymiser, CdrInputOptions pbx,
                           IngestOutput output, PrintStream errors) throws IOException {
        this.pseudonymiser = pseudonymiser;
        this.pbx = pbx;
        this.output = output;
        this.errors = errors;
        this.server = HttpServer.create(address, 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The address the endpoint listens on (with the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The counts so far. */
    public IngestCounts counts() {
        synchronized (lock) {
            return counts;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                respond(exchange, 405, "POST a mod_json_cdr document");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                respond(exchange, 413, "document is longer than " + MAX_BODY_BYTES + " bytes");
                return;
            }
            Reply reply;
            synchronized (lock) {
                reply = ingest(body);
            }
            respond(exchange, reply.status(), reply.text());
        }
    }

    private record Reply(int status, String text) {}

    private Reply ingest(byte[] body) {
        long number = ++requests;
        String origin = "POST #" + number;
        InputRecord record;
        try (DeduplicatingCdrReader reader = new DeduplicatingCdrReader(new FreeswitchJsonReader(
                new ByteArrayInputStream(document(body)), origin, true, pseudonymiser, pbx), seen)) {
            long duplicatesBefore = seen.duplicates();
            record = reader.next();
            if (record == null) {
                boolean duplicate = seen.duplicates() > duplicatesBefore;
                counts.read++;
                counts.duplicate += duplicate ? 1 : 0;
                return new Reply(200, duplicate ? "duplicate: already published" : "B-leg: counted with its A-leg");
            }
            counts.read++;
            if (record.isRejected()) {
                output.reject(new DeadLetter(origin, 1, record.rejectReason, record.rawRecord));
                output.flush();
                counts.rejected++;
                errors.println(origin + ": " + record.rejectReason);
                return new Reply(400, record.rejectReason);
            }
            output.publish(record.cdr);
            output.flush();
            counts.published++;
            return new Reply(200, "published " + record.cdr.getCallId());
        } catch (IOException e) {
            // Not acknowledged: FreeSWITCH keeps the document and retries; a repeat is dropped by call id.
            errors.println(origin + ": not stored: " + e.getMessage());
            return new Reply(503, "not stored, retry later: " + e.getMessage());
        }
    }

    /**
     * The JSON document of a request body in any of mod_json_cdr's encodings ({@code encode}): raw JSON, a form
     * field {@code cdr=} URL-encoded, or Base64; the form field name is optional.
     */
    static byte[] document(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1).strip();
        if (text.startsWith("cdr=")) {
            text = text.substring(4);
        }
        if (text.startsWith("{")) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (text.startsWith("%7B") || text.startsWith("%7b")) {
            return URLDecoder.decode(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getMimeDecoder().decode(URLDecoder.decode(text, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
    }
}
