package org.hotlinepulse.cdr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.hotlinepulse.avro.Cdr;

/**
 * Reads an Avro object container file of canonical CDRs written with any version of cdr.avsc that Avro can
 * resolve to the current one. A record that cannot be decoded costs the rest of its block, never the file: the
 * reader resumes at the next block. A block whose framing lies (a record count or size the file cannot hold, a
 * broken sync marker) is one rejection, and the rest of the file is not read (docs/cdr-formats.md). Memory is
 * bounded by the block being read, whatever the file declares.
 */
public final class AvroCdrReader implements CdrReader {

    private static final Pattern FIELD_LOCATION = Pattern.compile("/fields/(\\d+)");

    private final String origin;
    private final AvroContainerFile container;
    private final CdrRecordDecoder decoder;
    private final CallerPseudonymiser pseudonymiser;
    private final ArrayDeque<InputRecord> pending = new ArrayDeque<>();

    private long position;
    /** The block being read and its records not yet read; remainingInBlock is 0 when the next read starts one. */
    private BoundedAvroDecoder block;
    private long remainingInBlock;
    /** Records of a block lost to a record that failed to decode, rejected one per call: failedAt, up to lostUpTo. */
    private long failedAt;
    private long lostUpTo;
    private boolean finished;

    /**
     * Opens the file and checks its writer schema against cdr.avsc.
     *
     * @throws IOException when the file is missing, not an Avro container file, or written with a schema that
     *     cannot be read as cdr.avsc; the message names the file
     */
    public AvroCdrReader(Path file, CallerPseudonymiser pseudonymiser) throws IOException {
        this.origin = file.getFileName().toString();
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        this.container = new AvroContainerFile(file);
        try {
            this.decoder = new CdrRecordDecoder(readableWriterSchema(container, file));
        } catch (IOException | RuntimeException e) {
            container.close();
            throw e;
        }
    }

    /**
     * Checks, without reading any record, that the file is an Avro container file whose writer schema can be read
     * as cdr.avsc: what the replay command does for every file before its job starts.
     *
     * @throws IOException naming the file and why when it is not
     */
    public static void check(Path file) throws IOException {
        try (AvroContainerFile container = new AvroContainerFile(file)) {
            readableWriterSchema(container, file);
        }
    }

    private static Schema readableWriterSchema(AvroContainerFile container, Path file) throws IOException {
        Schema writer = container.schema();
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(Cdr.getClassSchema(), writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            String problems = compatibility.getResult().getIncompatibilities().stream()
                    .map(i -> i.getMessage() + " (" + fieldOf(i.getLocation()) + ")")
                    .collect(Collectors.joining("; "));
            throw new IOException(file + ": its writer schema " + writer.getFullName()
                    + " cannot be read as cdr.avsc: " + problems);
        }
        return writer;
    }

    /** "/fields/7/type/1" in the reader schema as "field outcome". */
    private static String fieldOf(String location) {
        Matcher m = FIELD_LOCATION.matcher(location == null ? "" : location);
        List<Schema.Field> fields = Cdr.getClassSchema().getFields();
        if (m.lookingAt() && Integer.parseInt(m.group(1)) < fields.size()) {
            return "field " + fields.get(Integer.parseInt(m.group(1))).name();
        }
        return "at " + location;
    }

    @Override
    public InputRecord next() throws IOException {
        while (true) {
            if (!pending.isEmpty()) {
                return pending.poll();
            }
            if (position < lostUpTo) {
                return InputRecord.rejected(origin, ++position, "Avro record not read: record " + failedAt
                        + " of the same block could not be decoded", "null");
            }
            if (finished) {
                return null;
            }
            if (remainingInBlock == 0) {
                loadBlock();
                continue;
            }
            long recordPosition = ++position;
            Cdr cdr;
            try {
                cdr = decoder.decode(block);
            } catch (CdrRecordDecoder.UndecodableException e) {
                skipRestOfBlock(recordPosition, e.getMessage());
                continue;
            }
            remainingInBlock--;
            return accept(recordPosition, cdr);
        }
    }

    /** Loads the next block (maybe one of no records); finished when there is none, maybe reporting corruption. */
    private void loadBlock() throws IOException {
        try {
            AvroContainerFile.Block next = container.next();
            if (next != null) {
                block = new BoundedAvroDecoder(next.bytes(), 0, next.length());
                remainingInBlock = next.count();
                return;
            }
        } catch (AvroContainerFile.CorruptFileException e) {
            pending.add(InputRecord.rejected(origin, position + 1, "Avro file is corrupt after record " + position
                    + ": " + e.getMessage() + "; the rest of the file is not read", "null"));
        }
        finished = true;
    }

    /**
     * A record that fails to decode leaves the block's bytes out of step: the rest of its block is lost too, each
     * rejected in turn by {@link #next()} (never queued: a block may declare millions of records).
     */
    private void skipRestOfBlock(long failedPosition, String why) {
        long lost = Math.max(remainingInBlock - 1, 0);
        pending.add(InputRecord.rejected(origin, failedPosition,
                "Avro record could not be decoded: " + why
                        + (lost > 0 ? "; the " + lost + " further records of its block are not read" : ""),
                "null"));
        failedAt = failedPosition;
        lostUpTo = failedPosition + lost;
        remainingInBlock = 0;
    }

    private InputRecord accept(long recordPosition, Cdr cdr) {
        cdr.setCallerHash(CallerHashes.fromReader(cdr.getCallerHash(), pseudonymiser));
        String reason = CdrValidator.validate(cdr);
        if (reason != null) {
            return InputRecord.rejected(origin, recordPosition, reason, CdrJson.toJson(cdr));
        }
        return InputRecord.parsed(origin, recordPosition, cdr);
    }

    @Override
    public void close() throws IOException {
        container.close();
    }
}
