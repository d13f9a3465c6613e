package org.hotlinepulse.cdr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableFileInput;
import org.apache.avro.specific.SpecificDatumReader;
import org.hotlinepulse.avro.Cdr;

/**
 * Reads an Avro object container file of canonical CDRs written with any version of cdr.avsc that Avro can
 * resolve to the current one. A record that cannot be decoded costs the rest of its block, never the file: the
 * reader resumes at the next block (docs/cdr-formats.md).
 */
public final class AvroCdrReader implements CdrReader {

    private static final Pattern FIELD_LOCATION = Pattern.compile("/fields/(\\d+)");

    private final String origin;
    private final long fileSize;
    private final DataFileReader<Cdr> reader;
    private final CallerPseudonymiser pseudonymiser;
    private final ArrayDeque<InputRecord> pending = new ArrayDeque<>();

    private long position;
    /** Records of the loaded block not yet read; 0 when the next read starts a block. */
    private long remainingInBlock;
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
        this.fileSize = Files.size(file);
        SeekableFileInput input = new SeekableFileInput(file.toFile());
        try {
            this.reader = new DataFileReader<>(input, new SpecificDatumReader<>(Cdr.class));
        } catch (IOException | RuntimeException e) {
            input.close();
            throw new IOException(file + ": not an Avro object container file (" + e.getMessage() + ")", e);
        }
        Schema writer = reader.getSchema();
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(Cdr.getClassSchema(), writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            reader.close();
            String problems = compatibility.getResult().getIncompatibilities().stream()
                    .map(i -> i.getMessage() + " (" + fieldOf(i.getLocation()) + ")")
                    .collect(Collectors.joining("; "));
            throw new IOException(file + ": its writer schema " + writer.getFullName()
                    + " cannot be read as cdr.avsc: " + problems);
        }
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
            if (finished) {
                return null;
            }
            if (remainingInBlock == 0 && !loadBlock()) {
                continue;
            }
            long recordPosition = ++position;
            Cdr cdr;
            try {
                cdr = reader.next(null);
            } catch (IOException | RuntimeException e) {
                skipRestOfBlock(recordPosition, e);
                continue;
            }
            remainingInBlock--;
            return accept(recordPosition, cdr);
        }
    }

    /** Loads the next block; false when there is none (then finished, maybe with a truncation reported). */
    private boolean loadBlock() {
        try {
            if (reader.hasNext()) {
                remainingInBlock = reader.getBlockCount();
                return true;
            }
            // DataFileStream reports a file cut short inside a block as a plain end of file.
            if (reader.previousSync() < fileSize) {
                corruptFromHere("the file ends inside a block (truncated?) after byte " + reader.previousSync());
            }
        } catch (RuntimeException e) {
            corruptFromHere(describe(e));
        }
        finished = true;
        return false;
    }

    private void corruptFromHere(String why) {
        pending.add(InputRecord.rejected(origin, position + 1,
                "Avro file is corrupt after record " + position + ": " + why + "; the rest of the file is not read",
                "null"));
    }

    /** A record that fails to decode leaves the block's bytes out of step: the rest of its block is lost too. */
    private void skipRestOfBlock(long failedPosition, Exception e) throws IOException {
        long lost = Math.max(remainingInBlock - 1, 0);
        pending.add(InputRecord.rejected(origin, failedPosition,
                "Avro record could not be decoded: " + describe(e)
                        + (lost > 0 ? "; the " + lost + " further records of its block are not read" : ""),
                "null"));
        for (long i = 1; i <= lost; i++) {
            pending.add(InputRecord.rejected(origin, failedPosition + i,
                    "Avro record not read: record " + failedPosition + " of the same block could not be decoded",
                    "null"));
        }
        position = failedPosition + lost;
        remainingInBlock = 0;
        try {
            // previousSync() is the start of the failed block; the next sync marker ends it.
            reader.sync(reader.previousSync());
        } catch (IOException | RuntimeException resyncFailure) {
            corruptFromHere(describe(resyncFailure));
            finished = true;
        }
    }

    private InputRecord accept(long recordPosition, Cdr cdr) {
        cdr.setCallerHash(CallerHashes.fromReader(cdr.getCallerHash(), pseudonymiser));
        String reason = CdrValidator.validate(cdr);
        if (reason != null) {
            return InputRecord.rejected(origin, recordPosition, reason, CdrJson.toJson(cdr));
        }
        return InputRecord.parsed(origin, recordPosition, cdr);
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause instanceof AvroRuntimeException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
