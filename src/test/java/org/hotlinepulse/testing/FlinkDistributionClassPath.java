package org.hotlinepulse.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class path of the Flink processes a test starts, standing in for a distribution's {@code lib/}:
 * this JVM's class path (flink-runtime, flink-runtime-web, flink-clients and their dependencies, from
 * Maven) without our own classes and without every jar that shares a class with the job jar. The job
 * jar brings those itself, as it does on a real cluster; were they on the cluster's class path too,
 * Flink would load the connectors' {@code org.apache.flink} classes from there (parent first) and the
 * Kafka client they use from the job jar (child first), and the two would not fit.
 */
public final class FlinkDistributionClassPath {
    private static final String RUNTIME_CLASS =
            "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class";

    private FlinkDistributionClassPath() {}

    /** The class path, in this JVM's order, for a cluster that runs {@code jobJar}. */
    public static String without(Path jobJar) {
        Set<String> jobClasses = classes(jobJar);
        if (jobClasses.contains(RUNTIME_CLASS)) {
            throw new IllegalArgumentException(jobJar + " carries the Flink runtime (" + RUNTIME_CLASS
                    + "): it is not a job jar for a cluster");
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path) && Collections.disjoint(classes(path), jobClasses)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Set<String> classes(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/")
                            && !name.endsWith("module-info.class"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
