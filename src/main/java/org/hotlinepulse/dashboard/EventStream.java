package org.hotlinepulse.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * {@code /api/events}: Server-Sent Events, one {@code snapshot} event with the current snapshot
 * on connect and one more each time the feed publishes, and a comment line every
 * {@link #KEEP_ALIVE} so that proxies and the browser keep the connection. The browser's
 * EventSource reconnects by itself after a break. Each stream holds a thread, so only so many
 * are open at once: beyond them a viewer gets 503 and its browser retries.
 */
final class EventStream implements HttpHandler {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final SnapshotFeed feed;
    private final Semaphore open;

    EventStream(SnapshotFeed feed, int maxStreams) {
        this.feed = feed;
        this.open = new Semaphore(maxStreams);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!open.tryAcquire()) {
            exchange.getResponseHeaders().set("Retry-After", "10");
            HttpResponses.text(exchange, 503, "too many open event streams; retry later");
            return;
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, "retry: 2000\n\n");
            SnapshotFeed.Published sent = feed.latest();
            write(out, event(sent));
            while (!Thread.currentThread().isInterrupted()) {
                SnapshotFeed.Published next = feed.awaitAfter(sent.sequence(), KEEP_ALIVE);
                if (next == null) {
                    write(out, ": keep-alive\n\n");
                } else {
                    sent = next;
                    write(out, event(sent));
                }
            }
        } catch (IOException e) {
            // The viewer went away; nothing to clean up beyond the exchange.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.release();
        }
    }

    /** The snapshot JSON is one line (Jackson writes no newlines), so one data field holds it. */
    private static String event(SnapshotFeed.Published published) {
        return "id: " + published.sequence() + "\nevent: snapshot\ndata: " + published.json() + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
