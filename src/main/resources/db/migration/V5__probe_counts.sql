-- Probe calls per window (DESIGN §10 number accuracy: a line shows it works by a connected call
-- or a passed probe). Next to the §4 counts, never inside them: attempts, connected and every rate
-- stay over non-probe CDRs. A window whose only CDRs are probes still has no row (DESIGN §4);
-- rows written before this version read 0.

ALTER TABLE line_metrics
    ADD COLUMN probe_attempts  bigint NOT NULL DEFAULT 0,
    ADD COLUMN probe_connected bigint NOT NULL DEFAULT 0;

ALTER TABLE department_metrics
    ADD COLUMN probe_attempts  bigint NOT NULL DEFAULT 0,
    ADD COLUMN probe_connected bigint NOT NULL DEFAULT 0;

COMMENT ON COLUMN line_metrics.probe_attempts IS 'Probe calls in the window; not counted in attempts.';
COMMENT ON COLUMN line_metrics.probe_connected IS 'Probe calls that got through (ANSWERED, ABANDONED or NO_ANSWER).';
COMMENT ON COLUMN department_metrics.probe_attempts IS 'Probe calls to the department''s lines in the window; not counted in attempts.';
COMMENT ON COLUMN department_metrics.probe_connected IS 'Probe calls that got through (ANSWERED, ABANDONED or NO_ANSWER).';
