package org.hotlinepulse.alertmanager;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;

/**
 * Posts alerts to one Alertmanager instance ({@code POST <base>/api/v2/alerts}), with the bearer
 * token when there is one; every request ends within the timeout.
 */
public final class AlertmanagerClient implements AlertmanagerInstance {
    private final URI endpoint;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /** @param baseUrl such as {@code http://alertmanager:9093} (a trailing slash is fine) */
    public AlertmanagerClient(String baseUrl, String token, Duration timeout) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v2/alerts");
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Where the alerts go. */
    public URI endpoint() {
        return endpoint;
    }

    /** Throws when Alertmanager cannot be reached or answers other than 2xx. */
    @Override
    public void post(Collection<PostableAlert> alerts) throws AlertmanagerException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AlertmanagerPayload.json(alerts), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AlertmanagerException(endpoint + ": " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertmanagerException(endpoint + ": interrupted", true, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            // 400 and 422 say the body is wrong: the same body would fail forever.
            boolean retryable = status != 400 && status != 422;
            throw new AlertmanagerException(endpoint + ": HTTP " + status + ": " + response.body().strip(),
                    retryable, null);
        }
    }
}
