package org.hotlinepulse.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard's web server (the JDK's {@code com.sun.net.httpserver}): the page at {@code /},
 * its script and style under {@code /static/}, uPlot under {@code /webjars/uplot/}, and the data
 * under {@code /api/} (snapshot, a line's trend, the event stream). With an {@link AccessToken}
 * the page and the data need it; without one it only listens on a loopback address and answers
 * only to a loopback {@code Host} ({@link LoopbackHosts}).
 */
public final class DashboardServer implements AutoCloseable {

    static final String UPLOT_FOLDER = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    /** Each open event stream holds a thread; beyond this many, more viewers get 503 and retry. */
    static final int MAX_EVENT_STREAMS = 32;

    private final HttpServer server;
    private final ExecutorService threads;
    private final SnapshotFeed feed;

    private DashboardServer(HttpServer server, ExecutorService threads, SnapshotFeed feed) {
        this.server = server;
        this.threads = threads;
        this.feed = feed;
    }

    /**
     * Starts serving {@code store} on {@code address} (port 0: a free port).
     *
     * @param token required from every viewer of the page and the data; may be null only when
     *     {@code address} is a loopback address
     * @throws IllegalArgumentException when {@code address} is not a loopback address and there is no token
     * @throws DashboardStoreException when the store cannot be read for the first snapshot
     * @throws IOException when the address cannot be bound
     */
    public static DashboardServer start(DashboardStore store, DashboardSettings settings, InetSocketAddress address,
                                        AccessToken token, Clock clock) throws IOException, DashboardStoreException {
        if (token == null && (address.getAddress() == null || !address.getAddress().isLoopbackAddress())) {
            throw new IllegalArgumentException("refusing to serve the dashboard on " + address.getHostString()
                    + ", which is not a loopback address, without a token: set " + AccessToken.VARIABLE
                    + " or " + AccessToken.FILE_VARIABLE);
        }
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        DashboardView view = new DashboardView(store, settings, clock);
        SnapshotFeed feed = new SnapshotFeed(view, store, settings.pollInterval(), json);
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            feed.close();
            throw new IOException("cannot listen on " + address.getHostString() + ":" + address.getPort()
                    + ": " + e.getMessage(), e);
        }
        ClasspathFiles page = new ClasspathFiles("/", "dashboard/");
        List<HttpContext> contexts = List.of(
                protect(server.createContext("/", exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    page.send(exchange, path.equals("/") ? "index.html" : path.substring(1));
                }), token),
                server.createContext("/static/", new ClasspathFiles("/static/", "dashboard/")),
                server.createContext("/webjars/uplot/", new ClasspathFiles("/webjars/uplot/", UPLOT_FOLDER)),
                protect(server.createContext("/api/snapshot", getOnly(exchange ->
                        HttpResponses.json(exchange, feed.latest().json()))), token),
                protect(server.createContext("/api/trend", getOnly(exchange -> lineTrend(exchange, view, json))),
                        token),
                protect(server.createContext("/api/events", getOnly(new EventStream(feed, MAX_EVENT_STREAMS))),
                        token));
        if (token == null) {
            LoopbackHosts loopbackOnly = new LoopbackHosts();
            // First in the chain, ahead of any other filter.
            contexts.forEach(context -> context.getFilters().add(0, loopbackOnly));
        }

        // Each open event stream holds a thread for as long as the page is open.
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "dashboard-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.start();
        return new DashboardServer(server, threads, feed);
    }

    /** The port the server listens on (the free one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        String host = server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        feed.close();
        threads.shutdownNow();
    }

    private static void lineTrend(HttpExchange exchange, DashboardView view, ObjectMapper json) throws IOException {
        String line = queryParameter(exchange.getRequestURI(), "line");
        if (line == null) {
            HttpResponses.text(exchange, 400, "give the line as ?line=NUMBER");
            return;
        }
        try {
            DashboardSnapshot.Trend trend = view.lineTrend(line);
            if (trend == null) {
                HttpResponses.text(exchange, 404, "line " + line + " is not in the directory");
            } else {
                HttpResponses.json(exchange, json.writeValueAsString(trend));
            }
        } catch (DashboardStoreException e) {
            HttpResponses.text(exchange, 503, e.getMessage());
        }
    }

    static String queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith(name + "=")) {
                return URLDecoder.decode(parameter.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static HttpHandler getOnly(HttpHandler handler) {
        return exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    HttpResponses.text(exchange, 405, "only GET");
                } else {
                    handler.handle(exchange);
                }
            }
        };
    }

    private static HttpContext protect(HttpContext context, AccessToken token) {
        if (token == null) {
            return context;
        }
        context.getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                if (token.admits(exchange)) {
                    chain.doFilter(exchange);
                    return;
                }
                try (exchange) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"hotline-pulse dashboard\"");
                    HttpResponses.text(exchange, 401, "a token is required: Authorization: Bearer TOKEN or ?token=TOKEN");
                }
            }

            @Override
            public String description() {
                return "requires the dashboard token";
            }
        });
        return context;
    }
}
