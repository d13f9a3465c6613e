package org.hotlinepulse.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the files of one classpath folder under one URL prefix: the page's own HTML, script and
 * style, and uPlot from its webjar. Only plain file names are served, never a path that climbs out.
 */
final class ClasspathFiles implements HttpHandler {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final String urlPrefix;
    private final String folder;

    /** @param folder a classpath folder, ending in "/" */
    ClasspathFiles(String urlPrefix, String folder) {
        this.urlPrefix = urlPrefix;
        this.folder = folder;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(urlPrefix.length());
        send(exchange, name);
    }

    /** Sends one file of the folder, or 404. */
    void send(HttpExchange exchange, String name) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                HttpResponses.text(exchange, 405, "only GET");
                return;
            }
            String extension = name.substring(name.lastIndexOf('.') + 1);
            InputStream in = PLAIN_NAME.matcher(name).matches() && TYPES.containsKey(extension)
                    ? ClasspathFiles.class.getClassLoader().getResourceAsStream(folder + name) : null;
            if (in == null) {
                HttpResponses.text(exchange, 404, "not found: " + exchange.getRequestURI().getPath());
                return;
            }
            try (in) {
                byte[] body = in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", TYPES.get(extension));
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }
}
