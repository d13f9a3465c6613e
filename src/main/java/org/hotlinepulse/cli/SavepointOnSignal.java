package org.hotlinepulse.cli;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import sun.misc.Signal;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Stops the running job with a savepoint when {@code run} gets SIGTERM or SIGINT, so that the
 * next {@code run} resumes from exactly where this one stopped. Should the savepoint fail, the
 * job is cancelled instead; its retained checkpoint is then what the next {@code run} resumes from.
 */
final class SavepointOnSignal {
    private final JobClient job;
    private final String savepointDir;
    private final PrintStream err;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private volatile boolean requested;

    private SavepointOnSignal(JobClient job, String savepointDir, PrintStream err) {
        this.job = job;
        this.savepointDir = savepointDir;
        this.err = err;
    }

    /**
     * Handles SIGTERM and SIGINT from now on. Replacing the JVM's handlers (rather than adding a
     * shutdown hook) keeps the embedded cluster running until the savepoint is written: shutdown
     * hooks run while it is being torn down. Flink's own entry points use sun.misc.Signal too.
     */
    static SavepointOnSignal install(JobClient job, String savepointDir, PrintStream err) {
        SavepointOnSignal handler = new SavepointOnSignal(job, savepointDir, err);
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> handler.stop("SIG" + signal.getName()));
        }
        return handler;
    }

    /** Whether a signal asked the job to stop. */
    boolean requested() {
        return requested;
    }

    /** Once a signal was handled: 0 when the savepoint was written, 1 when the job had to be cancelled. */
    int awaitExitCode() throws InterruptedException, ExecutionException {
        return exitCode.get();
    }

    private synchronized void stop(String signal) {
        if (requested) {
            return;
        }
        requested = true;
        err.println("hotline-pulse run: " + signal + ": stopping the job with a savepoint into " + savepointDir);
        try {
            String path = job.stopWithSavepoint(false, savepointDir, SavepointFormatType.CANONICAL).get();
            err.println("hotline-pulse run: stopped with a savepoint at " + path
                    + "; the next run resumes from it");
            exitCode.complete(0);
        } catch (Exception e) {
            err.println("hotline-pulse run: the savepoint failed (" + e.getMessage()
                    + "); cancelling the job: the next run resumes from its newest retained checkpoint");
            job.cancel().join();
            exitCode.complete(1);
        }
    }
}
