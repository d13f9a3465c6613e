package org.hotlinepulse.dashboard;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses a request to a dashboard served without a token on a loopback address unless its
 * {@code Host} names the loopback interface. Without it, a web page anywhere could point a name
 * of its own at 127.0.0.1 (DNS rebinding) and have the viewer's browser read the dashboard for it.
 */
final class LoopbackHosts extends Filter {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null && isLoopback(host)) {
            chain.doFilter(exchange);
            return;
        }
        try (exchange) {
            HttpResponses.text(exchange, 421, "this dashboard answers only to localhost, 127.0.0.1 or [::1]");
        }
    }

    /** A Host header value (name or address, with or without a port) that can only mean this machine. */
    static boolean isLoopback(String hostHeader) {
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && host.substring(1, end).equals("::1") && portOnly(host.substring(end + 1));
        }
        int colon = host.indexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        return (name.equals("localhost") || IPV4_LOOPBACK.matcher(name).matches())
                && portOnly(colon < 0 ? "" : host.substring(colon));
    }

    private static boolean portOnly(String rest) {
        return rest.isEmpty() || rest.matches(":\\d{1,5}");
    }

    @Override
    public String description() {
        return "answers only to a loopback Host";
    }
}
