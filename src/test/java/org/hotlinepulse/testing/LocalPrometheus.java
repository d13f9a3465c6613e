package org.hotlinepulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on a free loopback port, scraping one
 * target every second, for one test class: started by the test once it knows the target, stopped
 * after the class. The class is skipped, with the reason, when the binary is missing (see
 * {@link RequiredService}).
 */
public final class LocalPrometheus implements ExecutionCondition, AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Path binary;
    private Path dir;
    private int port;
    private Process process;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        binary = LocalBinary.firstExecutable("/usr/bin/prometheus", "/usr/local/bin/prometheus");
        return RequiredService.condition(binary != null, "no Prometheus binary (/usr/bin/prometheus);"
                + " install it with: apt-get install -y prometheus");
    }

    /** Starts it, scraping {@code target} (host:port, path /metrics) every second, and waits until it is ready. */
    public void start(String target) throws Exception {
        dir = Files.createTempDirectory("hp-prometheus");
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "scrape_configs:\n  - job_name: hotline-pulse\n    static_configs:\n      - targets: ['" + target + "']\n");
        port = LocalBinary.freeLoopbackPort();
        process = LocalBinary.startUntilReady(List.of(binary.toString(),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port),
                dir.resolve("prometheus.log"), URI.create("http://127.0.0.1:" + port + "/-/ready"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        LocalBinary.stop(process);
        LocalBinary.deleteTree(dir);
    }

    /** The samples of an instant query ({@code /api/v1/query}): each result's labels and value. */
    public List<Sample> query(String promql) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException(promql + ": HTTP " + response.statusCode() + ": " + response.body());
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode result : body.path("data").path("result")) {
            samples.add(new Sample(result.path("metric"), Double.parseDouble(result.path("value").path(1).asText())));
        }
        return samples;
    }

    /** One series of a query's result. */
    public record Sample(JsonNode labels, double value) {
        /** The value of one label, or "" when the series has none. */
        public String label(String name) {
            return labels.path(name).asText("");
        }
    }
}
