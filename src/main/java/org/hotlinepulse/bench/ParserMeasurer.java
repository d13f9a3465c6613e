package org.hotlinepulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.InputRecord;

/**
 * Reads a generated input with the product's reader, as replay and ingest open it ({@code CdrFormat.open}), once
 * to warm up and then {@code passes} timed times, keeping the fastest. Generated input is valid: a rejection, or
 * a count other than the records written, is a bug of the generator or the reader and fails the benchmark.
 */
public final class ParserMeasurer {

    private final CallerPseudonymiser pseudonymiser;
    private final int passes;

    public ParserMeasurer(CallerPseudonymiser pseudonymiser, int passes) {
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1, not " + passes);
        }
        this.pseudonymiser = pseudonymiser;
        this.passes = passes;
    }

    /** The fastest of the timed passes. @throws IllegalStateException when a record is rejected or missing */
    public ParserFigure measure(ParserInput input) throws IOException {
        long bytes = Files.size(input.file());
        for (Path other : input.otherFiles()) {
            bytes += Files.size(other);
        }
        readOnce(input);
        double best = Double.POSITIVE_INFINITY;
        long read = 0;
        for (int pass = 0; pass < passes; pass++) {
            long started = System.nanoTime();
            read = readOnce(input);
            best = Math.min(best, (System.nanoTime() - started) / 1e9);
        }
        return new ParserFigure(input.label(), read, 0, best, bytes);
    }

    private long readOnce(ParserInput input) throws IOException {
        long read = 0;
        long rejected = 0;
        InputRecord firstRejected = null;
        try (CdrReader reader = input.format().open(input.file(), pseudonymiser, input.options())) {
            for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                if (r.isRejected()) {
                    rejected++;
                    firstRejected = firstRejected == null ? r : firstRejected;
                } else {
                    read++;
                }
            }
        }
        if (rejected > 0 || read != input.records()) {
            throw new IllegalStateException(String.format(
                    "%s: the reader returned %d records and rejected %d of the %d generated%s", input.label(), read,
                    rejected, input.records(), firstRejected == null ? "" : "; first rejection: " + firstRejected));
        }
        return read;
    }
}
