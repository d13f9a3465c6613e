package org.hotlinepulse.testing;

import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An operator test harness's environment whose metric registry keeps what operators register, so
 * that a test can read a gauge or counter back by its name and the value of a key group
 * ({@code addGroup(key, value)}), as a reporter would see them.
 */
public final class RecordedMetrics {
    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final MockEnvironment environment;

    public RecordedMetrics() {
        TestingMetricRegistry registry = TestingMetricRegistry.builder()
                .setRegisterConsumer((metric, name, group) -> registered.add(new Registered(metric, name, group)))
                .build();
        environment = new MockEnvironmentBuilder().setMetricGroup(
                TaskManagerMetricGroup.createTaskManagerMetricGroup(registry, "localhost", ResourceID.generate())
                        .addJob(new JobID(), "job").addTask(ExecutionAttemptID.randomId(), "task")).build();
    }

    /** The environment to build the harness with. */
    public MockEnvironment environment() {
        return environment;
    }

    /** The metrics of this name, by the value of the key group {@code key} (those without it are left out). */
    public Map<String, Metric> byKey(String name, String key) {
        Map<String, Metric> found = new java.util.TreeMap<>();
        for (Registered r : registered) {
            String value = r.group.getAllVariables().get("<" + key + ">");
            if (r.name.equals(name) && value != null) {
                found.put(value, r.metric);
            }
        }
        return found;
    }

    /** The value of the one gauge of this name. */
    public Object gauge(String name) {
        List<Registered> gauges = registered.stream().filter(r -> r.name.equals(name) && r.metric instanceof Gauge).toList();
        if (gauges.size() != 1) {
            throw new AssertionError(gauges.size() + " gauges named " + name);
        }
        return ((Gauge<?>) gauges.get(0).metric).getValue();
    }

    private record Registered(Metric metric, String name, AbstractMetricGroup<?> group) {}
}
