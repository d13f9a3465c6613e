package org.hotlinepulse.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenUnitTest {

    @Test
    void noVariableMeansNoToken() {
        assertThat(AccessToken.fromEnvironment(Map.of())).isNull();
    }

    @Test
    void theVariableWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-file\n");
        assertThat(AccessToken.fromEnvironment(Map.of(AccessToken.VARIABLE, "direct",
                AccessToken.FILE_VARIABLE, file.toString()))).isNotNull();
        assertThat(AccessToken.fromEnvironment(Map.of(AccessToken.FILE_VARIABLE, file.toString()))).isNotNull();
    }

    @Test
    void aBlankTokenOrAnUnreadableFileIsRefusedWithTheVariableNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> AccessToken.fromEnvironment(Map.of(AccessToken.VARIABLE, " ")))
                .hasMessage(AccessToken.VARIABLE + " is set but blank");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> AccessToken.fromEnvironment(Map.of(AccessToken.FILE_VARIABLE, missing.toString())))
                .hasMessageStartingWith(AccessToken.FILE_VARIABLE + "=" + missing + ": cannot be read");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> AccessToken.fromEnvironment(Map.of(AccessToken.FILE_VARIABLE, empty.toString())))
                .hasMessage(AccessToken.FILE_VARIABLE + "=" + empty + ": the file is empty");
    }
}
