-- The monthly assessment of DESIGN §10, written by `hotline-pulse report --month YYYY-MM`. Every
-- run is kept as a version: one assessment_runs row (when, from what, and the coverage of its
-- inputs) and one assessment_monthly row per department. Re-running a month adds a version; the
-- view assessment_monthly_latest shows the latest version of every month, which is the one the
-- report shows, so a department disputing its score can still be shown the version it was judged on.

CREATE TABLE assessment_runs (
    run_id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    month               date         NOT NULL CHECK (extract(day FROM month) = 1),
    generated_at        timestamptz  NOT NULL,
    source              text         NOT NULL,
    timezone            text         NOT NULL,
    assessed_until      timestamptz  NOT NULL,
    days_in_month       integer      NOT NULL,
    days_with_data      integer      NOT NULL,
    days_without_data   date[]       NOT NULL,
    window_minutes      integer      NOT NULL,
    windows_exact       boolean      NOT NULL,
    windows_read        bigint       NOT NULL,
    straddling_windows  bigint       NOT NULL,
    unlisted_lines      text[]       NOT NULL,
    unlisted_windows    bigint       NOT NULL,
    episodes_read       integer      NOT NULL,
    score_weights       jsonb        NOT NULL
);
CREATE INDEX assessment_runs_month_idx ON assessment_runs (month, run_id);

COMMENT ON TABLE assessment_runs IS
    'One row per run of the monthly assessment: its generation time and the coverage of its inputs (docs/assessment.md).';
COMMENT ON COLUMN assessment_runs.month IS 'First day of the assessed month, in the directory''s time zone.';
COMMENT ON COLUMN assessment_runs.assessed_until IS 'End of the month, or the generation time when the month was not over.';
COMMENT ON COLUMN assessment_runs.days_without_data IS 'Days with no line metrics row: no traffic, left out of availability.';
COMMENT ON COLUMN assessment_runs.window_minutes IS 'Size of the line windows summed; 0 when there were none.';
COMMENT ON COLUMN assessment_runs.windows_exact IS 'No window straddled a change of service hours or a planned closure.';

CREATE TABLE assessment_monthly (
    run_id                   bigint            NOT NULL REFERENCES assessment_runs (run_id) ON DELETE CASCADE,
    month                    date              NOT NULL,
    department               text              NOT NULL,
    department_name          text              NOT NULL,
    rank                     integer,
    score                    numeric(5, 2),
    number_accuracy          double precision,
    answer_rate              double precision,
    connection_rate          double precision,
    resolution_rate          double precision,
    satisfaction_mean        double precision,
    satisfied_share          double precision,
    availability             double precision,
    lines_listed             integer           NOT NULL,
    lines_working            integer           NOT NULL,
    lines_out_of_service     integer           NOT NULL,
    scheduled_service_ms     bigint            NOT NULL,
    unavailable_service_ms   bigint            NOT NULL,
    mttr_minutes             double precision,
    resolved_outages         integer           NOT NULL,
    open_outages             integer           NOT NULL,
    alerts_out_of_service    integer           NOT NULL,
    alerts_constant_busy     integer           NOT NULL,
    alerts_unanswered        integer           NOT NULL,
    alerts_silent            integer           NOT NULL,
    alerts_high_abandonment  integer           NOT NULL,
    alerts_probe_failed      integer           NOT NULL,
    attempts                 bigint            NOT NULL,
    connected                bigint            NOT NULL,
    answered                 bigint            NOT NULL,
    abandoned                bigint            NOT NULL,
    short_abandoned          bigint            NOT NULL,
    no_answer                bigint            NOT NULL,
    busy                     bigint            NOT NULL,
    failed                   bigint            NOT NULL,
    answered_within_sl       bigint            NOT NULL,
    wait_ms_sum              bigint            NOT NULL,
    talk_ms_sum              bigint            NOT NULL,
    resolved_known           bigint            NOT NULL,
    resolved                 bigint            NOT NULL,
    satisfaction_count       bigint            NOT NULL,
    satisfaction_sum         bigint            NOT NULL,
    satisfied                bigint            NOT NULL,
    abandonment_rate         double precision,
    service_level            double precision,
    asa_seconds              double precision,
    after_hours_attempts     bigint            NOT NULL,
    after_hours_connected    bigint            NOT NULL,
    after_hours_answered     bigint            NOT NULL,
    PRIMARY KEY (run_id, department)
);
CREATE INDEX assessment_monthly_month_department_idx ON assessment_monthly (month, department);

COMMENT ON TABLE assessment_monthly IS
    'Per department and run: DESIGN §4 counts summed over the month inside service hours, rates recomputed, and the §10 figures.';
COMMENT ON COLUMN assessment_monthly.rank IS '1 for the best score, equal scores share a rank; NULL without a score.';

CREATE VIEW assessment_monthly_latest AS
SELECT m.*
FROM assessment_monthly m
WHERE m.run_id = (SELECT max(r.run_id) FROM assessment_runs r WHERE r.month = m.month);

COMMENT ON VIEW assessment_monthly_latest IS 'The latest version of every month''s assessment: the one the report shows.';
