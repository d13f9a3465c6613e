package org.hotlinepulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback
 * port for one test class: a minimal configuration in a temporary folder (one receiver, without
 * integrations or with a webhook that every alert pages on its own), clustering off, started
 * before the tests and stopped after them; it can be stopped and started again on the same port.
 * The class is skipped, with the reason, when the binary is missing (see {@link RequiredService}).
 */
public final class LocalAlertmanager implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String resolveTimeout;
    private final String webhookUrl;
    private Path binary;
    private Path dir;
    private int port;
    private Process process;

    /** @param resolveTimeout Alertmanager's {@code resolve_timeout}, such as {@code 2s} */
    public LocalAlertmanager(String resolveTimeout) {
        this(resolveTimeout, null);
    }

    /**
     * One that notifies {@code webhookUrl} (send_resolved on): each alert is a group of its own
     * (group_by all labels), flushed within a second of a change (group_wait and group_interval 1 s),
     * and a firing alert is not notified again for an hour (repeat_interval), so each notification
     * is a page caused by a change.
     */
    public static LocalAlertmanager paging(String resolveTimeout, String webhookUrl) {
        return new LocalAlertmanager(resolveTimeout, webhookUrl);
    }

    private LocalAlertmanager(String resolveTimeout, String webhookUrl) {
        this.resolveTimeout = resolveTimeout;
        this.webhookUrl = webhookUrl;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        binary = LocalBinary.firstExecutable("/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager");
        return RequiredService.condition(binary != null, "no Alertmanager binary (/usr/bin/prometheus-alertmanager);"
                + " install it with: apt-get install -y prometheus-alertmanager");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("hp-alertmanager");
        Files.writeString(dir.resolve("alertmanager.yml"), configuration());
        port = LocalBinary.freeLoopbackPort();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        LocalBinary.deleteTree(dir);
    }

    private String configuration() {
        String global = "global:\n  resolve_timeout: " + resolveTimeout + "\n";
        if (webhookUrl == null) {
            return global + "route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n";
        }
        return global + "route:\n  receiver: pager\n  group_by: ['...']\n  group_wait: 1s\n  group_interval: 1s\n"
                + "  repeat_interval: 1h\nreceivers:\n  - name: pager\n    webhook_configs:\n"
                + "      - url: " + webhookUrl + "\n        send_resolved: true\n";
    }

    /** The base URL, such as {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts it (again, on the same port) and waits until it answers {@code /-/ready}. */
    public void start() throws Exception {
        process = LocalBinary.startUntilReady(List.of(binary.toString(),
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="),
                dir.resolve("alertmanager.log"), URI.create(url() + "/-/ready"));
    }

    /** Stops it; its alerts are gone (Alertmanager keeps them in memory only). */
    public void stop() throws InterruptedException {
        LocalBinary.stop(process);
    }

    /** The active alerts, as {@code GET /api/v2/alerts} lists them (resolved ones are not listed). */
    public List<JsonNode> alerts() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/v2/alerts: HTTP " + response.statusCode() + ": " + response.body());
        }
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    /** The active alerts of episodes (those with an {@code episode} label: not the heartbeat). */
    public List<JsonNode> episodeAlerts() throws IOException, InterruptedException {
        return alerts().stream().filter(a -> a.path("labels").has("episode")).toList();
    }

    /** The {@code episode} labels of the active alerts of episodes. */
    public List<String> activeEpisodes() throws IOException, InterruptedException {
        return episodeAlerts().stream().map(a -> a.path("labels").path("episode").asText()).toList();
    }

    /** Whether an alert with this {@code alertname} is active. */
    public boolean isActive(String alertname) throws IOException, InterruptedException {
        return alerts().stream().anyMatch(a -> a.path("labels").path("alertname").asText().equals(alertname));
    }
}
