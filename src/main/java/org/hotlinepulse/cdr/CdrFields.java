package org.hotlinepulse.cdr;

import java.util.List;
import java.util.Set;

/** Field names of the canonical CDR in its JSON forms, and the caller fields a reader must never pass on. */
final class CdrFields {

    static final String CALL_ID = "call_id";
    static final String LINE = "line";
    static final String CALLER_HASH = "caller_hash";
    static final String START_TIME = "start_time";
    static final String QUEUE_TIME = "queue_time";
    static final String ANSWER_TIME = "answer_time";
    static final String END_TIME = "end_time";
    static final String OUTCOME = "outcome";
    static final String RELEASE_CAUSE = "release_cause";
    static final String RELEASED_BY = "released_by";
    static final String IVR = "ivr";
    static final String PROBE = "probe";
    static final String AGENT_ID = "agent_id";
    static final String SOURCE = "source";
    static final String RESOLVED = "resolved";
    static final String SATISFACTION = "satisfaction";

    /** Fields that may carry a raw caller number, in order of preference when a record has several. */
    static final List<String> RAW_CALLER = List.of("caller", "caller_number", "caller_id");
    static final String CALLER_NAME = "caller_name";

    static final Set<String> CANONICAL = Set.of(CALL_ID, LINE, CALLER_HASH, START_TIME, QUEUE_TIME, ANSWER_TIME,
            END_TIME, OUTCOME, RELEASE_CAUSE, RELEASED_BY, IVR, PROBE, AGENT_ID, SOURCE, RESOLVED, SATISFACTION);

    private CdrFields() {}
}
