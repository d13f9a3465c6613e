package org.hotlinepulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pager of a test: an HTTP server on a free loopback port that takes Alertmanager's webhook
 * notifications and counts them per alert and status ({@code firing}, {@code resolved}); an alert
 * is named by its {@code episode} label, or its {@code alertname} when it has none. Listens from
 * construction (so that {@link LocalAlertmanager} can be configured with its URL) until the
 * test class ends.
 */
public final class AlertmanagerWebhook implements AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AtomicInteger> pages = new ConcurrentHashMap<>();
    private final HttpServer server;

    public AlertmanagerWebhook() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("no loopback port for the webhook", e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode notification = JSON.readTree(exchange.getRequestBody());
                for (JsonNode alert : notification.path("alerts")) {
                    JsonNode labels = alert.path("labels");
                    String name = labels.has("episode") ? labels.path("episode").asText() : labels.path("alertname").asText();
                    pages.computeIfAbsent(key(name, alert.path("status").asText()), k -> new AtomicInteger()).incrementAndGet();
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** The URL to configure as the webhook receiver. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** How many notifications named this alert in this status ({@code firing} or {@code resolved}). */
    public int pages(String alert, String status) {
        AtomicInteger count = pages.get(key(alert, status));
        return count == null ? 0 : count.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop(0);
    }

    private static String key(String alert, String status) {
        return alert + " " + status;
    }
}
