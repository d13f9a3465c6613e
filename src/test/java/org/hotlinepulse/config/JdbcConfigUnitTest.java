package org.hotlinepulse.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcConfigUnitTest {
    private static final JdbcConfig FILE = new JdbcConfig("jdbc:postgresql://db/hotline", "hotline");

    @TempDir
    Path dir;

    @Test
    void theEnvironmentWinsOverTheFile() throws Exception {
        assertThat(FILE.withEnvironment(Map.of(
                "HOTLINE_PULSE_JDBC_URL", "jdbc:postgresql://other:6432/pulse",
                "HOTLINE_PULSE_JDBC_USER", "pulse_job")))
                .isEqualTo(new JdbcConfig("jdbc:postgresql://other:6432/pulse", "pulse_job"));
        assertThat(FILE.withEnvironment(Map.of("HOTLINE_PULSE_JDBC_USER", "ops")))
                .isEqualTo(new JdbcConfig("jdbc:postgresql://db/hotline", "ops"));
        assertThat(FILE.withEnvironment(Map.of("HOTLINE_PULSE_JDBC_URL", " ", "HOTLINE_PULSE_JDBC_USER", "")))
                .isEqualTo(FILE);
    }

    @Test
    void aUrlFromTheEnvironmentMustBePostgres() {
        assertThatThrownBy(() -> FILE.withEnvironment(Map.of("HOTLINE_PULSE_JDBC_URL", "postgres://db/hotline")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HOTLINE_PULSE_JDBC_URL: \"postgres://db/hotline\" is not a PostgreSQL JDBC URL;"
                        + " write one such as jdbc:postgresql://127.0.0.1:5432/hotline");
    }

    @Test
    void thePasswordComesOnlyFromTheEnvironmentOrItsFile() throws Exception {
        assertThat(FILE.password(Map.of())).isNull();
        assertThat(FILE.password(Map.of("HOTLINE_PULSE_JDBC_PASSWORD", "pw"))).isEqualTo("pw");
        Path secret = Files.writeString(dir.resolve("pg-password"), "from-file\n");
        assertThat(FILE.password(Map.of("HOTLINE_PULSE_JDBC_PASSWORD_FILE", secret.toString()))).isEqualTo("from-file");
        assertThatThrownBy(() -> FILE.password(Map.of("HOTLINE_PULSE_JDBC_PASSWORD_FILE", dir.resolve("absent").toString())))
                .hasMessageStartingWith("HOTLINE_PULSE_JDBC_PASSWORD_FILE=" + dir.resolve("absent") + ": cannot be read");
    }

    @Test
    void messagesShowTheUrlWithoutItsPassword() {
        JdbcConfig withPassword = new JdbcConfig("jdbc:postgresql://db/hotline?user=a&password=s3cret&ssl=true", "a");
        assertThat(withPassword.urlHasPassword()).isTrue();
        assertThat(withPassword.urlWithoutPassword())
                .isEqualTo("jdbc:postgresql://db/hotline?user=a&password=***&ssl=true");
        assertThat(withPassword.toString()).doesNotContain("s3cret");
        assertThat(FILE.urlHasPassword()).isFalse();
        assertThat(FILE.urlWithoutPassword()).isEqualTo(FILE.url());
        // The client key's password is a password too.
        JdbcConfig withKeyPassword = new JdbcConfig("jdbc:postgresql://db/hotline?sslmode=verify-full"
                + "&sslkey=/k.pk8&sslpassword=k3y-s3cret", "a");
        assertThat(withKeyPassword.urlHasPassword()).isTrue();
        assertThat(withKeyPassword.urlWithoutPassword()).isEqualTo(
                "jdbc:postgresql://db/hotline?sslmode=verify-full&sslkey=/k.pk8&sslpassword=***");
    }
}
