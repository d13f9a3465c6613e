package org.hotlinepulse.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real one-node Kafka broker (KRaft, combined broker and controller) in a process of its own,
 * from the Kafka jars on this JVM's class path, so that a test can stop it and start it again on
 * the same port with the same log directory: a broker restart under a running job.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Path properties;
    private Process process;

    private KafkaBrokerProcess(Path dir, int port, Path properties) {
        this.dir = dir;
        this.port = port;
        this.properties = properties;
    }

    /** Formats a log directory in {@code dir} and starts the broker on free loopback ports. */
    public static KafkaBrokerProcess start(Path dir) throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs"),
                // One broker: internal topics must not ask for more replicas than there are.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        Process format = java(dir.resolve("format.log"), "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", properties.toString());
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IOException("formatting the Kafka log directory failed: "
                    + Files.readString(dir.resolve("format.log")));
        }
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dir, port, properties);
        broker.startAgain();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again) and waits until it answers. */
    public void startAgain() throws Exception {
        process = java(dir.resolve("broker.log"), "kafka.Kafka", properties.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("the Kafka broker did not come up: " + Files.readString(dir.resolve("broker.log")),
                            notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Stops the broker as a service manager would (SIGTERM) and waits until it is gone. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "request.timeout.ms", 5_000,
                "default.api.timeout.ms", 5_000));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    private static Process java(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
