package org.hotlinepulse.dashboard;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;

/**
 * The secret a viewer must present when the dashboard asks for one: as
 * {@code Authorization: Bearer TOKEN} or as {@code ?token=TOKEN} (how a wall screen's browser
 * opens the page; the page passes it on to its own requests). Compared in constant time.
 */
public final class AccessToken {

    public static final String VARIABLE = "HOTLINE_PULSE_DASHBOARD_TOKEN";
    public static final String FILE_VARIABLE = "HOTLINE_PULSE_DASHBOARD_TOKEN_FILE";

    private final byte[] token;

    public AccessToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the dashboard token is blank");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The token of {@link #VARIABLE}, else of the file named by {@link #FILE_VARIABLE}; null when
     * neither is set.
     *
     * @throws IllegalArgumentException when the file cannot be read or the token is blank
     */
    public static AccessToken fromEnvironment(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value != null) {
            if (value.isBlank()) {
                throw new IllegalArgumentException(VARIABLE + " is set but blank");
            }
            return new AccessToken(value.strip());
        }
        String file = env.get(FILE_VARIABLE);
        if (file == null) {
            return null;
        }
        try {
            String text = Files.readString(Path.of(file)).strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException(FILE_VARIABLE + "=" + file + ": the file is empty");
            }
            return new AccessToken(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE_VARIABLE + "=" + file + ": cannot be read: " + e.getMessage());
        }
    }

    /** Whether the request carries this token, in its Authorization header or its query. */
    boolean admits(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(header.substring(7).strip())) {
            return true;
        }
        String query = DashboardServer.queryParameter(exchange.getRequestURI(), "token");
        return query != null && matches(query);
    }

    private boolean matches(String presented) {
        return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
