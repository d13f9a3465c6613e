package org.hotlinepulse.cdr.asterisk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;

/** Reads Asterisk test inputs with a fixed key and zone. */
final class AsteriskTestFiles {

    static final CallerPseudonymiser KEY = new CallerPseudonymiser("0123456789abcdef0123456789abcdef".getBytes());
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private AsteriskTestFiles() {}

    /** A case folder of src/test/resources/asterisk. */
    static Path caseDir(String name) {
        try {
            return Path.of(AsteriskTestFiles.class.getResource("/asterisk/" + name + "/Master.csv").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<InputRecord> readAll(Path master, Path queueLog) throws IOException {
        CdrInputOptions options = new CdrInputOptions(null, SHANGHAI,
                queueLog == null ? List.of() : List.of(queueLog.toString()), null);
        try (AsteriskCsvReader reader = new AsteriskCsvReader(master, KEY, options)) {
            return drain(reader);
        }
    }

    static List<InputRecord> drain(AsteriskCsvReader reader) throws IOException {
        List<InputRecord> out = new ArrayList<>();
        for (InputRecord r = reader.next(); r != null; r = reader.next()) {
            out.add(r);
        }
        return out;
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
