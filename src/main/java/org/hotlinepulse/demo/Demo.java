package org.hotlinepulse.demo;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.dashboard.DashboardServer;
import org.hotlinepulse.dashboard.DashboardSettings;
import org.hotlinepulse.dashboard.InMemoryDashboardStore;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.directory.DirectoryYamlLoader;
import org.hotlinepulse.job.EventTime;
import org.hotlinepulse.job.HotlineMetricsJob;
import org.hotlinepulse.simulate.Fault;
import org.hotlinepulse.simulate.FaultSpec;
import org.hotlinepulse.simulate.FaultSpecException;
import org.hotlinepulse.simulate.SimulationSettings;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The whole product in one process: the simulator feeding the county hotlines of
 * {@code demo/directory.yaml} with one fault of each alert type, the job graph on a local Flink
 * cluster with event time following the {@link SimulatedClock}, its outputs in an
 * {@link InMemoryDashboardStore} and on the console, and the dashboard over that store.
 */
public final class Demo implements AutoCloseable {
    /** Monday 12 October 2026, 08:30 in Zhengzhou: every line of the demo directory is open. */
    public static final Instant START = Instant.parse("2026-10-12T00:30:00Z");

    /**
     * One fault of each kind, staggered over the first two simulated hours (two minutes at the
     * default speed), each on a line busy enough for its rule to see it soon; the last one kills
     * the CDR feed of the housing department, whose two lines must then page FEED_STALE, not SILENT.
     */
    public static final String FAULTS = String.join("; ",
            "out-of-service:037167890001@+10m..+50m",
            "busy:037168880002@+20m..+60m",
            "ivr-dead-end:037112345002@+30m..+70m",
            "silent:037168880001@+40m..+90m",
            "high-abandonment:037112345001@+50m..+100m",
            "probe-failed:037166660001@+60m..+100m",
            "unregistered:037199990000@+70m..+130m",
            "feed-down:zy-housing@+80m..+110m");

    static final Duration PROBE_EVERY = Duration.ofMinutes(5);

    /**
     * How long the demo's one source must deliver nothing before the watermark follows the
     * simulated clock alone. Real time, as for the live job's quiet_partition_after; the job's own
     * minute would do too, but 5 s leaves a cold start on a busy machine well inside it.
     */
    static final Duration QUIET_SOURCE_REAL_TIME = Duration.ofSeconds(5);

    private final Directory directory;
    private final SimulatedClock clock;
    private final InMemoryDashboardStore store;
    private final String storeName;
    private final JobClient job;
    private final DashboardServer dashboard;

    private Demo(Directory directory, SimulatedClock clock, InMemoryDashboardStore store, String storeName,
                 JobClient job, DashboardServer dashboard) {
        this.directory = directory;
        this.clock = clock;
        this.store = store;
        this.storeName = storeName;
        this.job = job;
        this.dashboard = dashboard;
    }

    /**
     * Starts the job on a local cluster in this process, and the dashboard over its store.
     *
     * @param speed how many times faster than the wall clock simulated time runs
     * @param lang the language of the alert lines on the console, {@code zh} or {@code en}
     * @param port the dashboard's port on the loopback address (0: a free one)
     */
    public static Demo start(double speed, long seed, String lang, int port) throws Exception {
        Directory directory = loadDirectory();
        SimulatedClock clock = new SimulatedClock(START, System.currentTimeMillis(), speed);
        SimulationSettings traffic = new SimulationSettings(seed, START, null, null, PROBE_EVERY,
                faults(directory));
        InMemoryDashboardStore store = new InMemoryDashboardStore(directory);

        // The dashboard first: a port in use should stop the demo before a cluster starts.
        DashboardServer dashboard = DashboardServer.start(store, DashboardSettings.DEFAULTS,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, clock.asClock());
        String storeName = DemoStores.register(store);
        try {
            JobConfig config = JobConfig.DEFAULTS;
            Configuration flink = new Configuration();
            flink.set(PipelineOptions.OBJECT_REUSE, true);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
            env.setParallelism(1);
            new HotlineMetricsJob(config, directory,
                    new DataGeneratorSource<>(new PacedSimulation(directory, traffic, clock), Long.MAX_VALUE,
                            TypeInformation.of(InputRecord.class)),
                    EventTime.live(config.metrics().maxOutOfOrderness(), QUIET_SOURCE_REAL_TIME, clock::millis),
                    null, new DemoSinks(storeName, new AlertConsoleLine(directory.calendar().zone(), lang)))
                    .buildOn(env);
            return new Demo(directory, clock, store, storeName, env.executeAsync("hotline-pulse demo"), dashboard);
        } catch (Exception e) {
            dashboard.close();
            DemoStores.remove(storeName);
            throw e;
        }
    }

    /** The county hotlines of the demo. */
    public static Directory loadDirectory() throws DirectoryException, IOException {
        String resource = "demo/directory.yaml";
        try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the jar");
            }
            return DirectoryYamlLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        }
    }

    private static List<Fault> faults(Directory directory) {
        try {
            return FaultSpec.parse(FAULTS, START, directory);
        } catch (FaultSpecException e) {
            throw new IllegalStateException("the demo's own fault script is wrong: " + e.getMessage(), e);
        }
    }

    public Directory directory() {
        return directory;
    }

    public SimulatedClock clock() {
        return clock;
    }

    public InMemoryDashboardStore store() {
        return store;
    }

    /** The dashboard's address. */
    public URI dashboardUrl() {
        return dashboard.url();
    }

    /** Cancels the job, stops the dashboard and forgets the store. */
    @Override
    public void close() throws Exception {
        try {
            job.cancel().get();
        } finally {
            dashboard.close();
            DemoStores.remove(storeName);
        }
    }
}
