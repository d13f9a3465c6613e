package org.hotlinepulse.pipeline;

import org.apache.commons.lang3.SerializationUtils;
import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryBroadcastUnitTest {

    @Test
    void copiesOfOneVersionAreSharedAndAnotherVersionIsNot() throws Exception {
        Directory example = Directory.load(Path.of("examples/directory.yaml"));
        // What an operator gets: a copy deserialized with its function or from the broadcast stream.
        Directory firstCopy = SerializationUtils.roundtrip(example);
        Directory secondCopy = SerializationUtils.roundtrip(example);
        Directory otherVersion = Directory.of(example.calendar(), example.departments(),
                example.lines(), List.of());

        Directory shared = DirectoryBroadcast.shared(firstCopy);

        assertThat(secondCopy).isNotSameAs(firstCopy).isEqualTo(firstCopy);
        assertThat(DirectoryBroadcast.shared(secondCopy)).isSameAs(shared);
        assertThat(DirectoryBroadcast.shared(otherVersion)).isSameAs(otherVersion).isNotSameAs(shared);
    }
}
