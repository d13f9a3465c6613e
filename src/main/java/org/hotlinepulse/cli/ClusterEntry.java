package org.hotlinepulse.cli;

import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine;

/**
 * The entry point a Flink cluster calls to start the live job: the Main-Class of
 * {@code hotline-pulse-job.jar}, run by {@code flink run} or by the REST API's
 * {@code /jars/{id}/run}, with the options of {@code run} ({@code --config FILE}
 * [{@code --from-savepoint PATH} | {@code --fresh-state}]). It does what {@code run} does before the
 * job starts, submits the job to that cluster and returns: from then on the job is the cluster's
 * (restarts, {@code flink stop}). Unlike {@code run} it never waits for the job, installs no signal
 * handler and never calls {@code System.exit}, which over the REST API would run in, and end, the
 * JobManager's JVM.
 */
public final class ClusterEntry {
    private ClusterEntry() {}

    public static void main(String[] args) throws Exception {
        RunCommand run = CommandLine.populateCommand(new RunCommand(), args);
        JobClient job;
        try {
            job = run.submit(RunCommand.load(run.config, System.getenv()), System.getenv());
        } catch (UsageError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        System.err.println("hotline-pulse: submitted job " + job.getJobID() + " to the cluster");
    }
}
