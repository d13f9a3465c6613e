package org.hotlinepulse.assessment;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The assessment as CSV (contract §10): UTF-8 with a byte order mark, so spreadsheet programs read
 * Chinese names correctly; a header of the report language's labels, then one row per department
 * in rank order with the month, the version and every {@link AssessmentColumns} value.
 */
public final class AssessmentCsv {
    private static final char BOM = '\uFEFF';

    private AssessmentCsv() {}

    public static void write(MonthlyAssessment assessment, ReportLanguage lang, Path file) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withLineSeparator("\r\n");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             SequenceWriter csv = new CsvMapper().writerFor(String[].class).with(schema).writeValues(out)) {
            out.write(BOM);
            csv.write(header(lang).toArray(String[]::new));
            for (DepartmentAssessment d : assessment.departments()) {
                List<String> row = new ArrayList<>();
                row.add(assessment.month().month().toString());
                row.add(assessment.version() == 0 ? "" : Long.toString(assessment.version()));
                for (AssessmentColumns.Column c : AssessmentColumns.ALL) {
                    row.add(c.value().apply(d));
                }
                csv.write(row.toArray(String[]::new));
            }
        }
    }

    /** The header row in {@code lang}. */
    public static List<String> header(ReportLanguage lang) {
        List<String> header = new ArrayList<>();
        header.add(lang.text("col.month"));
        header.add(lang.text("col.version"));
        for (AssessmentColumns.Column c : AssessmentColumns.ALL) {
            header.add(lang.text("col." + c.key()));
        }
        return header;
    }
}
