package org.hotlinepulse.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the line directory loader: any text is a directory or a {@link DirectoryException}
 * whose message names the source; nothing else is thrown. In the normal suite a regression run over
 * {@code DirectoryYamlLoaderFuzzTestInputs}; a campaign with JAZZER_FUZZ=1 (docs/fuzzing.md).
 */
class DirectoryYamlLoaderFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void parse(byte[] content) {
        String yaml = new String(content, StandardCharsets.UTF_8);
        try {
            assertThat(DirectoryYamlLoader.parse(yaml, "fuzz.yaml")).isNotNull();
        } catch (DirectoryException e) {
            assertThat(e.getMessage()).contains("fuzz.yaml");
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank());
        }
    }
}
