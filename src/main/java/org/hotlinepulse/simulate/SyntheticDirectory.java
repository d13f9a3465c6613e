package org.hotlinepulse.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A directory of many numbered 24x7 lines in departments of a fixed size, for load runs. */
public final class SyntheticDirectory {
    private final int lines;
    private final int linesPerDepartment;

    public SyntheticDirectory(int lines, int linesPerDepartment) {
        this.lines = lines;
        this.linesPerDepartment = linesPerDepartment;
    }

    public List<String> numbers() {
        List<String> numbers = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            numbers.add(String.format("0371%08d", i));
        }
        return numbers;
    }

    public static String department(int lineIndex, int linesPerDepartment) {
        return String.format("dept-%04d", lineIndex / linesPerDepartment);
    }

    /** Writes the directory as YAML (DESIGN §5) to the file. */
    public void writeYaml(Path file) throws IOException {
        StringBuilder yaml = new StringBuilder("timezone: Asia/Shanghai\ndepartments:\n");
        int departments = (lines + linesPerDepartment - 1) / linesPerDepartment;
        for (int d = 0; d < departments; d++) {
            String id = department(d * linesPerDepartment, linesPerDepartment);
            yaml.append("  - id: ").append(id).append("\n    name: Department ").append(d).append('\n');
        }
        yaml.append("lines:\n");
        List<String> numbers = numbers();
        for (int i = 0; i < numbers.size(); i++) {
            yaml.append("  - number: \"").append(numbers.get(i)).append("\"\n")
                    .append("    department: ").append(department(i, linesPerDepartment)).append('\n')
                    .append("    name: Line ").append(i).append('\n')
                    .append("    hours: \"24x7\"\n");
        }
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }
}
