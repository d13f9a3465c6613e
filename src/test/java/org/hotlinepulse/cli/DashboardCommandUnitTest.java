package org.hotlinepulse.cli;

import org.hotlinepulse.dashboard.AccessToken;
import org.hotlinepulse.testing.RequiredService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hotline-pulse dashboard} refuses what it cannot serve safely, before touching the database. */
class DashboardCommandUnitTest {

    @Test
    void refusesANonLoopbackBindWithoutAToken() {
        RequiredService.assumeAvailable(
                System.getenv(AccessToken.VARIABLE) == null && System.getenv(AccessToken.FILE_VARIABLE) == null,
                "a dashboard token is set in this environment; unset " + AccessToken.VARIABLE + " and "
                        + AccessToken.FILE_VARIABLE + " to run this test");
        CliRun run = CliRun.run("dashboard", "--bind", "0.0.0.0", "--port", "0",
                "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("hotline-pulse dashboard: --bind 0.0.0.0 is not a loopback address: set "
                + AccessToken.VARIABLE + " or " + AccessToken.FILE_VARIABLE + " so that viewers need a token");
    }

    @Test
    void namesABadOptionValue() {
        CliRun run = CliRun.run("dashboard", "--window-minutes", "7", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--window-minutes/--trend-hours: window minutes 7 must divide an hour");
        CliRun badUrl = CliRun.run("dashboard", "--jdbc-url", "mysql://x", "--port", "0");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--jdbc-url: \"mysql://x\" is not a PostgreSQL JDBC URL");
        // A password on the command line is in every user's process list.
        for (String parameter : new String[] {"password", "sslpassword", "PASSWORD"}) {
            CliRun secret = CliRun.run("dashboard", "--jdbc-url",
                    "jdbc:postgresql://127.0.0.1:1/x?" + parameter + "=hunter2", "--port", "0");
            assertThat(secret.exitCode()).as(parameter).isEqualTo(2);
            assertThat(secret.err()).as(parameter).contains("--jdbc-url: must not contain a password")
                    .doesNotContain("hunter2");
            assertThat(secret.err().lines().count()).as(parameter).isEqualTo(1);
        }
    }

    @Test
    void failsWithOneLineWhenTheDatabaseCannotBeReached() {
        CliRun run = CliRun.run("dashboard", "--port", "0", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("hotline-pulse dashboard: cannot load the line directory: ")
                .contains("127.0.0.1:1/nowhere").doesNotContain("\n");
    }

    @Test
    void isListedWithItsOptions() {
        CliRun run = CliRun.run("dashboard", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--bind", "--port", "--config", "--jdbc-url", AccessToken.VARIABLE);
    }
}
