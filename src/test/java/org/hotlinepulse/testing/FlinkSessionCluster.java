package org.hotlinepulse.testing;

import org.hotlinepulse.cli.ClusterEntry;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flink session cluster of separate JVMs on this machine, as a Flink distribution's
 * {@code start-cluster.sh} would start it: one JobManager ({@code StandaloneSessionClusterEntrypoint})
 * and TaskManagers ({@code TaskManagerRunner}) of one slot each, named {@code tm-0}, {@code tm-1}, ...
 * (their resource ids), all reading one {@code config.yaml}, with the class path of
 * {@link FlinkDistributionClassPath}. Jobs are submitted through its REST API ({@link #rest()}).
 * Closing it kills every process that is still alive.
 */
public final class FlinkSessionCluster implements AutoCloseable {
    /** The job jar for clusters that {@code mvn package} builds ({@code mvn verify} before the integration tests). */
    public static final Path JOB_JAR = Path.of("target/hotline-pulse-job.jar");
    /** What the REST API is told to run from it: the jar's Main-Class. */
    public static final String ENTRY_CLASS = ClusterEntry.class.getName();

    /** What a Flink distribution's config.yaml passes to its JVMs (env.java.opts.all) on Java 17. */
    private static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path conf;
    private final Path logs;
    private final String classPath;
    private final FlinkRestClient rest;
    private final Map<String, Process> processes = new LinkedHashMap<>();

    private FlinkSessionCluster(Path conf, Path logs, String classPath, int restPort) {
        this.conf = conf;
        this.logs = logs;
        this.classPath = classPath;
        this.rest = new FlinkRestClient("http://localhost:" + restPort);
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers, their configuration and scratch
     * space under {@code dir}, their output in {@code logs} (keep it outside temporary folders to
     * read it after a failure); returns once every TaskManager has registered.
     *
     * @param jobJar the jar that will be submitted, whose classes the cluster's class path must not have
     */
    public static FlinkSessionCluster start(Path dir, Path logs, Path jobJar, int taskManagers) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(logs);
        int rpcPort = freePort();
        int restPort = freePort();
        Files.writeString(conf.resolve("config.yaml"), configuration(dir, rpcPort, restPort));
        Files.writeString(conf.resolve("log4j2.properties"), """
                # Warnings, and the job's state changes (RUNNING, RESTARTING).
                rootLogger.level = WARN
                rootLogger.appenderRef.console.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
                logger.executiongraph.name = org.apache.flink.runtime.executiongraph.ExecutionGraph
                logger.executiongraph.level = INFO
                """);
        FlinkSessionCluster cluster = new FlinkSessionCluster(conf, logs,
                FlinkDistributionClassPath.without(jobJar), restPort);
        try {
            cluster.launch("jobmanager", List.of("-Xmx512m"),
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
            for (int i = 0; i < taskManagers; i++) {
                // -Xmx: framework + task heap; direct memory: framework off-heap + network (config.yaml).
                cluster.launch("tm-" + i, List.of("-Xmx448m", "-XX:MaxDirectMemorySize=128m",
                                "-XX:MaxMetaspaceSize=256m"),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        "-D", "taskmanager.resource-id=tm-" + i);
            }
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    private static String configuration(Path dir, int rpcPort, int restPort) {
        return """
                jobmanager.rpc.address: localhost
                jobmanager.bind-host: localhost
                jobmanager.rpc.port: %d
                jobmanager.memory.process.size: 1024m
                rest.address: localhost
                rest.bind-address: localhost
                rest.port: %d
                blob.server.port: "0"
                taskmanager.host: localhost
                taskmanager.bind-host: localhost
                taskmanager.numberOfTaskSlots: 1
                # Started without Flink's scripts, a TaskManager needs every memory component spelt out.
                taskmanager.cpu.cores: 1
                taskmanager.memory.framework.heap.size: 64m
                taskmanager.memory.task.heap.size: 384m
                taskmanager.memory.managed.size: 64m
                taskmanager.memory.framework.off-heap.size: 64m
                taskmanager.memory.task.off-heap.size: 0m
                taskmanager.memory.network.min: 64m
                taskmanager.memory.network.max: 64m
                taskmanager.memory.jvm-metaspace.size: 256m
                taskmanager.memory.jvm-overhead.min: 192m
                taskmanager.memory.jvm-overhead.max: 192m
                # A lost TaskManager is noticed within seconds, not Flink's default 50 s.
                heartbeat.interval: 1000
                heartbeat.timeout: 5000
                io.tmp.dirs: %s
                web.upload.dir: %s
                """.formatted(rpcPort, restPort, dir.resolve("tmp"), dir.resolve("upload"));
    }

    private void launch(String name, List<String> jvmOptions, String mainClass, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_17_OPENS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties"),
                "-cp", classPath, mainClass, "--configDir", conf.toString()));
        command.addAll(List.of(arguments));
        processes.put(name, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start());
    }

    private void awaitTaskManagers(int count) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            processes.forEach((name, process) -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + "; see "
                            + logs.resolve(name + ".log"));
                }
            });
            try {
                if (rest.get("/overview").get("taskmanagers").asInt() == count) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The JobManager's REST endpoint comes up a few seconds after its process.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " TaskManagers did not register within " + START_TIMEOUT
                        + "; see " + logs);
            }
            Thread.sleep(250);
        }
    }

    public FlinkRestClient rest() {
        return rest;
    }

    /** SIGKILLs TaskManager {@code name} ({@code tm-0}, ...), as a crash or the OOM killer would; returns its exit code. */
    public int kill(String name) throws InterruptedException {
        Process process = processes.get(name);
        return process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes.values()) {
            process.destroyForcibly();
        }
        for (Process process : processes.values()) {
            process.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
