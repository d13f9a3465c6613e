package org.hotlinepulse.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertmanagerConfigUnitTest {

    @Test
    void theSectionIsReadKeyByKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("job.yaml"), "alertmanager:\n"
                + "  urls: [http://am-1:9093, https://am-2:9093/]\n  resend_interval: 30s\n"
                + "  timeout: 2s\n  max_backoff: 1m\n");
        AlertmanagerConfig config = JobConfigLoader.load(file).alertmanager();
        assertThat(config).isEqualTo(new AlertmanagerConfig(List.of("http://am-1:9093", "https://am-2:9093/"),
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(1)));
        assertThat(config.enabled()).isTrue();
        assertThat(AlertmanagerConfig.DEFAULTS.enabled()).isFalse();
    }

    @Test
    void badValuesAreNamedByFileAndKey(@TempDir Path dir) throws Exception {
        for (String[] bad : new String[][] {
                {"  urls: http://am:9093\n", "alertmanager.urls: must be a list"},
                {"  urls: [ftp://am]\n", "alertmanager.urls: \"ftp://am\" is not an http"},
                {"  urls: [http://user:secret@am:9093]\n", "alertmanager.urls: must not contain credentials"},
                {"  resend_interval: 0s\n", "alertmanager.resend_interval: must be longer than zero"},
                {"  token: abc\n", "alertmanager.token: unknown key"}}) {
            Path file = Files.writeString(dir.resolve("job.yaml"), "alertmanager:\n" + bad[0]);
            assertThatThrownBy(() -> JobConfigLoader.load(file)).as(bad[0])
                    .hasMessageStartingWith(file + ": " + bad[1]);
        }
    }

    @Test
    void theTokenComesFromTheEnvironmentOrItsFile(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "from-file\n");
        assertThat(AlertmanagerConfig.token(Map.of())).isNull();
        assertThat(AlertmanagerConfig.token(Map.of(AlertmanagerConfig.TOKEN_FILE_VARIABLE, tokenFile.toString())))
                .isEqualTo("from-file");
        assertThat(AlertmanagerConfig.token(Map.of(AlertmanagerConfig.TOKEN_VARIABLE, "from-env",
                AlertmanagerConfig.TOKEN_FILE_VARIABLE, tokenFile.toString()))).isEqualTo("from-env");
        assertThatThrownBy(() -> AlertmanagerConfig.token(Map.of(AlertmanagerConfig.TOKEN_FILE_VARIABLE,
                dir.resolve("missing").toString())))
                .hasMessageStartingWith(AlertmanagerConfig.TOKEN_FILE_VARIABLE + "=" + dir.resolve("missing"));
    }
}
