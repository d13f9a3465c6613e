package org.hotlinepulse.cdr.mapped;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.hotlinepulse.avro.Outcome;

/**
 * A column mapping for {@code mapped-csv} (docs/pbx-formats.md): which column of a carrier's or vendor's CSV holds
 * which canonical field, how its times are written, and which of its outcome values means which outcome. Bound
 * from YAML by {@link CsvMappingLoader}; unknown keys are refused.
 *
 * @param source the records' source and call_id prefix (default {@code mapped})
 * @param separator the column separator, one character (default {@code ,})
 * @param header whether the first line names the columns (default true); without one, columns are 1-based numbers
 * @param timezone zone of times written without an offset (default: the replay's --cdr-timezone)
 * @param timeFormat a java.time pattern such as {@code yyyy-MM-dd HH:mm:ss}, or {@code iso},
 *     {@code epoch_seconds}, {@code epoch_millis} (default {@code iso})
 * @param columns which column holds which field
 * @param outcomes the values of the outcome column and the outcome each means
 */
public record CsvMapping(
        String source,
        String separator,
        Boolean header,
        String timezone,
        @JsonProperty("time_format") String timeFormat,
        Columns columns,
        Map<String, Outcome> outcomes) {

    /**
     * Column names (with a header) or 1-based column numbers (without) of each canonical field; null for a field
     * the file does not have. {@code caller} is hashed as soon as the line is split.
     */
    public record Columns(
            @JsonProperty("call_id") String callId,
            String line,
            String caller,
            @JsonProperty("start_time") String startTime,
            @JsonProperty("queue_time") String queueTime,
            @JsonProperty("answer_time") String answerTime,
            @JsonProperty("end_time") String endTime,
            @JsonProperty("duration_seconds") String durationSeconds,
            String outcome,
            @JsonProperty("release_cause") String releaseCause,
            @JsonProperty("agent_id") String agentId) {}

    char separatorChar() {
        return separator == null ? ',' : separator.charAt(0);
    }

    boolean hasHeader() {
        return header == null || header;
    }

    String sourceOr(String fallback) {
        return source == null || source.isBlank() ? fallback : source;
    }
}
