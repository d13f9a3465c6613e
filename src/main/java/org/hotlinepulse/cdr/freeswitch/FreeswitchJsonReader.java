package org.hotlinepulse.cdr.freeswitch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.TextLines;
import org.hotlinepulse.cdr.PhoneNumbers;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.RedactedRecord;

/**
 * Reads FreeSWITCH {@code mod_json_cdr} documents (docs/freeswitch.md). A file whose name ends in {@code .json} is
 * one document, as mod_json_cdr's {@code log-dir} writes it ({@code <uuid>.cdr.json}, pretty-printed or not); any
 * other file holds one document per line. Documents are bounded ({@link #MAX_DOCUMENT_BYTES}, nesting, string
 * length), since a document may come from anyone who can reach the PBX's HTTP client or its log folder. B-legs
 * (channels the PBX originated to an agent) are skipped: their call is the A-leg's.
 */
public final class FreeswitchJsonReader implements CdrReader {

    /** The largest document read; a real one is 10–30 KB. */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_DOCUMENT_BYTES)
                    .maxNestingDepth(64)
                    .maxStringLength(256 * 1024)
                    .maxNumberLength(64)
                    .maxNameLength(1024)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final InputStream in;
    private final TextLines lines;
    private final String origin;
    private final FreeswitchJsonDocument documents;
    private boolean wholeFileRead;
    private long bLegsSkipped;

    /** Opens a file: one document when its name ends in .json, else one per line; records named by the file name. */
    public FreeswitchJsonReader(Path file, CallerPseudonymiser pseudonymiser, CdrInputOptions settings)
            throws IOException {
        this(Files.newInputStream(file), file.getFileName().toString(),
                file.getFileName().toString().endsWith(".json"), pseudonymiser, settings);
    }

    /**
     * Reads a stream (closed with this reader); records are named by origin.
     *
     * @param wholeStream true when the stream is one document, false for one document per line
     */
    public FreeswitchJsonReader(InputStream in, String origin, boolean wholeStream,
                                CallerPseudonymiser pseudonymiser, CdrInputOptions settings) {
        this.in = Objects.requireNonNull(in, "in");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.lines = wholeStream ? null : new TextLines(in, MAX_DOCUMENT_BYTES);
        this.documents = new FreeswitchJsonDocument(pseudonymiser, settings);
    }

    @Override
    public InputRecord next() throws IOException {
        while (true) {
            InputRecord record = lines == null ? nextWholeDocument() : nextLine();
            if (record != FreeswitchJsonDocument.B_LEG) {
                return record;
            }
            bLegsSkipped++;
        }
    }

    /** How many B-leg documents were skipped. */
    public long bLegsSkipped() {
        return bLegsSkipped;
    }

    private InputRecord nextWholeDocument() throws IOException {
        if (wholeFileRead) {
            return null;
        }
        wholeFileRead = true;
        byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            return InputRecord.rejected(origin, 1, "document is longer than " + MAX_DOCUMENT_BYTES
                    + " bytes; not read", RedactedRecord.maskedText(
                    new String(bytes, 0, 1000, StandardCharsets.UTF_8) + "…"));
        }
        return parse(1, new String(bytes, StandardCharsets.UTF_8));
    }

    private InputRecord nextLine() throws IOException {
        TextLines.Line line = lines.nextNonBlank();
        if (line == null) {
            return null;
        }
        return line.isReadable() ? parse(line.number(), line.text())
                : InputRecord.rejected(origin, line.number(), line.problem(), "null");
    }

    private InputRecord parse(long position, String text) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return InputRecord.rejected(origin, position, "not a JSON document" + where + ": "
                    + PhoneNumbers.mask(firstLine(e.getOriginalMessage())), RedactedRecord.maskedText(text));
        }
        return documents.toRecord(origin, position, tree, text);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() <= 200 ? first : first.substring(0, 200) + "…";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
