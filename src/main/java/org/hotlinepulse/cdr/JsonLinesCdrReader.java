package org.hotlinepulse.cdr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a JSON Lines file of canonical CDRs (docs/cdr-formats.md): one JSON object per line, UTF-8, blank lines
 * skipped but counted. Splits lines on bytes and parses each with Jackson's streaming parser straight from the
 * buffer, so a good line costs no copy and no tree.
 */
public final class JsonLinesCdrReader implements CdrReader {

    /** Longer lines are rejected unread, so that a file without line breaks cannot exhaust memory. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private static final int INITIAL_BUFFER = 1 << 16;

    private final InputStream in;
    private final String origin;
    private final CdrJsonParser parser;

    private byte[] buf = new byte[INITIAL_BUFFER];
    /** buf[start, limit) holds bytes not yet returned; '\n' is searched for from scan on. */
    private int start;
    private int limit;
    private int scan;
    private boolean eof;
    private long lineNumber;

    /** Opens a file; records are named by the file name. */
    public JsonLinesCdrReader(Path file, CallerPseudonymiser pseudonymiser) throws IOException {
        this(Files.newInputStream(file), file.getFileName().toString(), pseudonymiser);
    }

    /** Reads a stream (closed with this reader); records are named by origin. */
    public JsonLinesCdrReader(InputStream in, String origin, CallerPseudonymiser pseudonymiser) {
        this.in = Objects.requireNonNull(in, "in");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.parser = new CdrJsonParser(Objects.requireNonNull(pseudonymiser, "pseudonymiser"));
    }

    @Override
    public InputRecord next() throws IOException {
        while (true) {
            int newline = findNewline();
            if (newline == -1) {
                return null;
            }
            lineNumber++;
            if (newline == -2) {
                return tooLong();
            }
            int from = start;
            int to = newline;
            start = newline < limit ? newline + 1 : limit;
            if (to > from && buf[to - 1] == '\r') {
                to--;
            }
            if (lineNumber == 1 && to - from >= 3
                    && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB && buf[from + 2] == (byte) 0xBF) {
                from += 3;
            }
            if (isBlank(from, to)) {
                continue;
            }
            return parser.parse(origin, lineNumber, buf, from, to - from);
        }
    }

    /**
     * The index of the '\n' ending the next line, limit for a last line without one, -1 at the end of input, or
     * -2 when the line is longer than {@link #MAX_LINE_BYTES}.
     */
    private int findNewline() throws IOException {
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buf[i] == '\n') {
                    scan = i + 1;
                    return i - start > MAX_LINE_BYTES ? -2 : i;
                }
            }
            scan = limit;
            if (limit - start > MAX_LINE_BYTES) {
                return -2;
            }
            if (eof) {
                return start < limit ? limit : -1;
            }
            fill();
        }
    }


    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            limit -= start;
            scan -= start;
            start = 0;
        }
        if (limit == buf.length) {
            byte[] bigger = new byte[Math.min(buf.length * 2, MAX_LINE_BYTES + INITIAL_BUFFER)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private InputRecord tooLong() throws IOException {
        int keep = Math.min(limit - start, RejectedRecordRedactor.MAX_RAW_TEXT);
        String head = new String(buf, start, keep, StandardCharsets.UTF_8);
        long length = skipRestOfLine();
        return InputRecord.rejected(origin, lineNumber,
                "line is longer than " + MAX_LINE_BYTES + " bytes (" + length + " bytes); not read",
                parser.redactor().redactTextAsJson(head + "…"));
    }

    /** Drops bytes up to and including the next '\n'; returns how many bytes the line had. */
    private long skipRestOfLine() throws IOException {
        long length = 0;
        while (true) {
            for (int i = start; i < limit; i++) {
                if (buf[i] == '\n') {
                    length += i - start;
                    start = i + 1;
                    scan = start;
                    return length;
                }
            }
            length += limit - start;
            start = 0;
            limit = 0;
            scan = 0;
            if (eof) {
                return length;
            }
            fill();
        }
    }

    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
