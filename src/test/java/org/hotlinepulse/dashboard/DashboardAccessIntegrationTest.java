package org.hotlinepulse.dashboard;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may see the dashboard: on a non-loopback address it does not start without a token, and
 * with one it refuses the page and the data to requests that do not carry it.
 */
class DashboardAccessIntegrationTest {
    private static final String TOKEN = "s3cret-wall-screen";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void refusesToStartOnANonLoopbackAddressWithoutAToken() throws Exception {
        InetSocketAddress everywhere = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);
        assertThatThrownBy(() -> DashboardServer.start(store(), DashboardSettings.DEFAULTS, everywhere, null,
                Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address")
                .hasMessageContaining(AccessToken.VARIABLE);
    }

    @Test
    void onANonLoopbackAddressRefusesRequestsWithoutTheToken() throws Exception {
        InetSocketAddress everywhere = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);
        try (DashboardServer server = DashboardServer.start(store(), DashboardSettings.DEFAULTS, everywhere,
                new AccessToken(TOKEN), Clock.systemUTC())) {
            URI base = URI.create("http://127.0.0.1:" + server.port());

            for (String path : new String[] {"/", "/api/snapshot", "/api/events", "/api/trend?line=12345"}) {
                HttpResponse<String> refused = get(base.resolve(path), null);
                assertThat(refused.statusCode()).as(path).isEqualTo(401);
                assertThat(refused.body()).as(path).doesNotContain("郑州");
                assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                        value -> assertThat(value).startsWith("Bearer"));
            }
            assertThat(get(base.resolve("/api/snapshot"), "Bearer wrong-" + TOKEN).statusCode()).isEqualTo(401);
            assertThat(get(base.resolve("/api/snapshot?token=wrong"), null).statusCode()).isEqualTo(401);

            HttpResponse<String> bearer = get(base.resolve("/api/snapshot"), "Bearer " + TOKEN);
            assertThat(bearer.statusCode()).isEqualTo(200);
            assertThat(bearer.body()).contains("郑州市社会保险中心");
            assertThat(get(base.resolve("/api/snapshot?token=" + TOKEN), null).statusCode()).isEqualTo(200);
            assertThat(get(base.resolve("/?lang=zh&token=" + TOKEN), null).body()).contains("/static/dashboard.js");
            // Script, style and uPlot hold no data and load without the token.
            assertThat(get(base.resolve("/static/dashboard.js"), null).statusCode()).isEqualTo(200);
            assertThat(get(base.resolve("/webjars/uplot/uPlot.iife.min.js"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void onLoopbackWithoutATokenServesEveryoneButNeverFilesOutsideItsFolders() throws Exception {
        try (DashboardServer server = DashboardServer.start(store(), DashboardSettings.DEFAULTS,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, Clock.systemUTC())) {
            URI base = server.url();
            HttpResponse<String> snapshot = get(base.resolve("/api/snapshot"), null);
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(snapshot.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(get(base.resolve("/static/..%2Flog4j2.properties"), null).statusCode()).isEqualTo(404);
            assertThat(get(base.resolve("/static/nothing.js"), null).statusCode()).isEqualTo(404);
            assertThat(get(base.resolve("/api/trend?line=999"), null).statusCode()).isEqualTo(404);
        }
    }

    private static InMemoryDashboardStore store() throws Exception {
        return new InMemoryDashboardStore(DashboardFixtures.exampleDirectory());
    }

    private HttpResponse<String> get(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
