package org.hotlinepulse.cli;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.dashboard.AccessToken;
import org.hotlinepulse.dashboard.DashboardServer;
import org.hotlinepulse.dashboard.DashboardSettings;
import org.hotlinepulse.dashboard.DashboardStoreException;
import org.hotlinepulse.dashboard.PostgresDashboardStore;
import org.hotlinepulse.job.DirectoryUpdates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code hotline-pulse dashboard}: the live web page for the ops team, over the PostgreSQL tables
 * the {@code run} job writes. Serves until the process is stopped.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Serves the live dashboard (department table, line status board, trends, alerts; "
                + "updates pushed to the page) over the PostgreSQL tables written by the run job.",
                "Connection: --jdbc-url and --jdbc-user, else HOTLINE_PULSE_JDBC_URL and _USER, else the jdbc "
                        + "section of --config (default: jdbc:postgresql://127.0.0.1:5432/hotline as hotline); the "
                        + "password from HOTLINE_PULSE_JDBC_PASSWORD(_FILE). The directory from where --config's "
                        + "directory section says (default: PostgreSQL).",
                "Access: with HOTLINE_PULSE_DASHBOARD_TOKEN or HOTLINE_PULSE_DASHBOARD_TOKEN_FILE set, the page "
                        + "and its data need the token (Authorization: Bearer TOKEN, or ?token=TOKEN); "
                        + "without one the dashboard only listens on a loopback address."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped", "1:the database cannot be read or the address cannot be bound",
                "2:bad input: config, token file, a non-loopback --bind without a token"})
final class DashboardCommand implements Callable<Integer> {

    @Mixin
    JobConfigOption config = new JobConfigOption();

    @Mixin
    JdbcOptions jdbc = new JdbcOptions();

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); another than loopback needs a token.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--window-minutes", paramLabel = "MINUTES", defaultValue = "15",
            description = "Window size of the metrics rows shown, one of the job's metrics.windows_minutes "
                    + "(default: ${DEFAULT-VALUE}).")
    int windowMinutes;

    @Option(names = "--trend-hours", paramLabel = "HOURS", defaultValue = "6",
            description = "Hours covered by the trend charts (default: ${DEFAULT-VALUE}).")
    int trendHours;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        PostgresDashboardStore store = null;
        try {
            DashboardSettings settings = settings();
            InetSocketAddress address = address();
            AccessToken token = token(env, address);
            JobConfig jobConfig = config.load(env);
            JdbcConfig jdbc = jdbc(jobConfig, env);
            Duration horizon = Duration.ofHours(settings.trendHours()).plus(Duration.ofHours(1));
            store = new PostgresDashboardStore(jdbc, env, DirectoryUpdates.loaderFor(jobConfig.directory(), jdbc),
                    jobConfig.directory().reloadInterval(), horizon, Clock.systemUTC());
            DashboardServer server = DashboardServer.start(store, settings, address, token, Clock.systemUTC());
            System.err.println("hotline-pulse dashboard: serving " + server.url() + " from "
                    + jdbc.urlWithoutPassword() + (token == null ? "" : " (token required)"));
            CountDownLatch stopped = new CountDownLatch(1);
            PostgresDashboardStore opened = store;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                opened.close();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        } catch (UsageError e) {
            return fail(e.getMessage(), 2, store);
        } catch (DashboardStoreException | IOException e) {
            return fail(e.getMessage(), 1, store);
        }
    }

    private DashboardSettings settings() throws UsageError {
        try {
            return new DashboardSettings(windowMinutes, trendHours, DashboardSettings.DEFAULTS.resolvedHours(),
                    DashboardSettings.DEFAULTS.pollInterval());
        } catch (IllegalArgumentException e) {
            throw new UsageError("--window-minutes/--trend-hours: " + e.getMessage());
        }
    }

    private InetSocketAddress address() throws UsageError {
        if (port < 0 || port > 65535) {
            throw new UsageError("--port " + port + " is not a port number (0 to 65535)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(bind), port);
        } catch (UnknownHostException e) {
            throw new UsageError("--bind " + bind + ": no such address");
        }
    }

    /** The token; refusing a non-loopback bind without one, before anything is opened. */
    private AccessToken token(Map<String, String> env, InetSocketAddress address) throws UsageError {
        AccessToken token;
        try {
            token = AccessToken.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (token == null && !address.getAddress().isLoopbackAddress()) {
            throw new UsageError("--bind " + bind + " is not a loopback address: set " + AccessToken.VARIABLE
                    + " or " + AccessToken.FILE_VARIABLE + " so that viewers need a token");
        }
        return token;
    }

    private JdbcConfig jdbc(JobConfig jobConfig, Map<String, String> env) throws UsageError {
        return jdbc.resolve(jobConfig, env);
    }

    private static int fail(String message, int exitCode, PostgresDashboardStore store) {
        if (store != null) {
            store.close();
        }
        System.err.println("hotline-pulse dashboard: " + message);
        return exitCode;
    }
}
