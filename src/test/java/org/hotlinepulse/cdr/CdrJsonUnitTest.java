package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.junit.jupiter.api.Test;

class CdrJsonUnitTest {

    @Test
    void writesSchemaOrderUtcTimesAndOmitsNulls() {
        Cdr cdr = CdrFixtures.cdr().callId("pbx1-\"7\"").start("2026-10-12T01:03:11Z")
                .answerAfter(Duration.ofMillis(12_250)).endAfter(Duration.ofSeconds(60)).build();
        assertThat(CdrJson.toJson(cdr)).isEqualTo("{\"call_id\":\"pbx1-\\\"7\\\"\",\"line\":\"037167890001\","
                + "\"start_time\":\"2026-10-12T01:03:11Z\",\"answer_time\":\"2026-10-12T01:03:23.250Z\","
                + "\"end_time\":\"2026-10-12T01:04:11Z\",\"outcome\":\"ANSWERED\",\"ivr\":false,\"probe\":false}");
    }

    @Test
    void writesEveryField() {
        Cdr cdr = CdrFixtures.cdr().callId("c").callerHash("0f".repeat(32)).start("2026-10-12T01:00:00Z")
                .queueAfter(Duration.ofSeconds(3)).endAfter(Duration.ofSeconds(9)).outcome(Outcome.ABANDONED)
                .releaseCause(16).releasedBy(ReleasedBy.CALLER).ivr(true).probe(true).agentId("a").source("s")
                .resolved(false).satisfaction(2).buildUnchecked();
        assertThat(CdrJson.toJson(cdr)).isEqualTo("{\"call_id\":\"c\",\"line\":\"037167890001\",\"caller_hash\":\"" + "0f".repeat(32) + "\","
                + "\"start_time\":\"2026-10-12T01:00:00Z\",\"queue_time\":\"2026-10-12T01:00:03Z\","
                + "\"end_time\":\"2026-10-12T01:00:09Z\",\"outcome\":\"ABANDONED\",\"release_cause\":16,"
                + "\"released_by\":\"CALLER\",\"ivr\":true,\"probe\":true,\"agent_id\":\"a\",\"source\":\"s\","
                + "\"resolved\":false,\"satisfaction\":2}");
    }

    @Test
    void truncatesTimesBelowTheMillisecond() {
        Cdr cdr = CdrFixtures.cdr().start("2026-10-12T01:00:00Z").buildUnchecked();
        cdr.setAnswerTime(Instant.parse("2026-10-12T01:00:01.000999Z"));
        assertThat(CdrJson.toJson(cdr)).contains("\"answer_time\":\"2026-10-12T01:00:01Z\"");
    }

    @Test
    void parseLineMatchesTheReader() {
        InputRecord r = CdrJson.parseLine("kafka:hotline.cdr.json", 42,
                "{\"call_id\":\"c\",\"line\":\"12345\",\"start_time\":\"2026-10-12T09:00:00+08:00\","
                        + "\"end_time\":\"2026-10-12T09:00:05+08:00\",\"release_cause\":1}", CdrFixtures.PSEUDONYMISER);
        assertThat(r.origin).isEqualTo("kafka:hotline.cdr.json");
        assertThat(r.position).isEqualTo(42);
        assertThat(r.cdr.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(CdrJson.parseLine("x", 1, "nope", CdrFixtures.PSEUDONYMISER).rejectReason)
                .startsWith("not a JSON object: invalid JSON");
    }
}
