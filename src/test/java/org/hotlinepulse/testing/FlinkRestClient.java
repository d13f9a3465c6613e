package org.hotlinepulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The parts of a Flink cluster's REST API the cluster tests use: upload and run a jar
 * ({@code /jars/upload}, {@code /jars/{id}/run}), a job's state, tasks and checkpoints, cancelling it.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public FlinkRestClient(String base) {
        this.base = base;
    }

    /** GET {@code path} as JSON; fails on any status but 200. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /**
     * Uploads {@code jar} and runs {@code entryClass} from it with {@code programArgs}, as
     * {@code flink run} would (the main method runs in the JobManager); returns the job id.
     */
    public String submit(Path jar, String entryClass, List<String> programArgs)
            throws IOException, InterruptedException {
        String boundary = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode uploaded = send(HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String jarId = Path.of(uploaded.get("filename").asText()).getFileName().toString();
        JsonNode run = send(HttpRequest.newBuilder(URI.create(base + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("entryClass", entryClass, "programArgsList", programArgs)))));
        return run.get("jobid").asText();
    }

    /** The job's state ({@code RUNNING}, {@code RESTARTING}, ...). */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).get("state").asText();
    }

    /** Whether the job and every one of its tasks are running. */
    public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        if (!job.get("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.get("vertices")) {
            if (!vertex.get("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /** The resource ids of the TaskManagers the job's tasks are deployed to. */
    public Set<String> taskManagersOf(String jobId) throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        for (JsonNode vertex : get("/jobs/" + jobId).get("vertices")) {
            for (JsonNode tm : get("/jobs/" + jobId + "/vertices/" + vertex.get("id").asText() + "/taskmanagers")
                    .get("taskmanagers")) {
                ids.add(tm.get("taskmanager-id").asText());
            }
        }
        return ids;
    }

    /** The job's checkpoint statistics ({@code counts}, {@code latest.completed}, {@code latest.restored}). */
    public JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** The id of the job's latest completed checkpoint, or -1 when none has completed. */
    public long latestCompletedCheckpoint(String jobId) throws IOException, InterruptedException {
        JsonNode completed = checkpoints(jobId).path("latest").path("completed");
        return completed.isObject() ? completed.get("id").asLong() : -1;
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().method() + " " + response.request().uri() + ": HTTP "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
