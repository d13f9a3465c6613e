package org.hotlinepulse.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.CdrInputOptions;

/**
 * {@code ingest} over finished files (docs/ingest.md): each file read with its format's reader, CDRs and rejected
 * records handed to the output, which is flushed (acknowledged by Kafka) after each file.
 */
public final class Ingest {

    private final CdrFormat format;
    private final CallerPseudonymiser pseudonymiser;
    private final CdrInputOptions pbx;
    private final IngestOutput output;
    private final RecordPump pump;
    private final PrintStream errors;

    public Ingest(CdrFormat format, CallerPseudonymiser pseudonymiser, CdrInputOptions pbx, IngestOutput output,
                  PrintStream errors) {
        this.format = Objects.requireNonNull(format, "format");
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        this.pbx = Objects.requireNonNull(pbx, "pbx");
        this.output = Objects.requireNonNull(output, "output");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.pump = new RecordPump(output, errors);
    }

    /** Reads and publishes the files in order; a progress bar is drawn when {@code showProgress}. */
    public IngestCounts files(List<Path> files, boolean showProgress) throws IOException {
        ProgressBar progress = showProgress ? new ProgressBar(errors, files.size()) : null;
        int done = 0;
        for (Path file : files) {
            try (CdrReader reader = format.open(file, pseudonymiser, pbx)) {
                pump.pump(reader, 0);
            }
            output.flush();
            done++;
            if (progress != null) {
                progress.fileDone(done, pump.counts());
            }
        }
        return pump.counts();
    }

    /** The counts so far. */
    public IngestCounts counts() {
        return pump.counts();
    }

    RecordPump pump() {
        return pump;
    }
}
