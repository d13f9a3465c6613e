package org.hotlinepulse.ingest;

import java.io.PrintStream;

/** A one-line progress bar of finished files, redrawn in place; only for a terminal. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final int total;

    ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void fileDone(int done, IngestCounts counts) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " files, "
                + counts.published() + " published, " + counts.rejected() + " rejected");
        if (done == total) {
            out.println();
        }
        out.flush();
    }
}
