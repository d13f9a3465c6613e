package org.hotlinepulse.dashboard;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void onLoopbackWithoutATokenAnswersOnlyToALoopbackHost() throws Exception {
        try (DashboardServer server = DashboardServer.start(store(), DashboardSettings.DEFAULTS,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, Clock.systemUTC())) {
            int port = server.port();
            for (String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "LOCALHOST", "[::1]:" + port}) {
                assertThat(statusLine(port, "/api/snapshot", host)).as(host).endsWith(" 200 OK");
            }
            // A rebinding attacker's name pointed at 127.0.0.1 reaches the socket but gets nothing.
            for (String host : new String[] {"evil.example:" + port, "localhost.evil.example", "127.0.0.1.nip.io",
                    "localhost:80@evil.example", ""}) {
                assertThat(statusLine(port, "/api/snapshot", host)).as(host).contains(" 421 ");
                assertThat(statusLine(port, "/", host)).as(host).contains(" 421 ");
            }
        }
    }

    @Test
    void beyondTheCapAnEventStreamIsRefusedWith503() throws Exception {
        try (DashboardServer server = DashboardServer.start(store(), DashboardSettings.DEFAULTS,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, Clock.systemUTC())) {
            List<Socket> streams = new ArrayList<>();
            try {
                for (int i = 0; i < DashboardServer.MAX_EVENT_STREAMS; i++) {
                    Socket stream = request(server.port(), "/api/events", "localhost");
                    streams.add(stream);
                    assertThat(readStatusLine(stream)).as("stream %d", i).endsWith(" 200 OK");
                }
                Socket refused = request(server.port(), "/api/events", "localhost");
                streams.add(refused);
                String response = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 503 ").containsIgnoringCase("Retry-After: 10")
                        .contains("too many open event streams");
                // The rest of the dashboard still answers.
                assertThat(statusLine(server.port(), "/api/snapshot", "localhost")).endsWith(" 200 OK");
            } finally {
                for (Socket stream : streams) {
                    stream.close();
                }
            }
        }
    }

    private static String statusLine(int port, String path, String host) throws Exception {
        try (Socket socket = request(port, path, host)) {
            return readStatusLine(socket);
        }
    }

    /** A raw request: HttpClient will not send a Host header of the test's choosing. */
    private static Socket request(int port, String path, String host) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        String hostHeader = host.isEmpty() ? "" : "Host: " + host + "\r\n";
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\n" + hostHeader + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String readStatusLine(Socket socket) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c = socket.getInputStream().read(); c != '\r' && c != -1; c = socket.getInputStream().read()) {
            line.append((char) c);
        }
        return line.toString();
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
