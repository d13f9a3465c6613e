-- Windowed metrics of DESIGN §4, one row per (key, window_start, window_minutes), upserted by the
-- live job: a window's row is written when the watermark passes its end and rewritten by late
-- CDRs until allowed_lateness. Rates are stored as written by the job (recomputed from the
-- counts of the row, never averaged) and are NULL where their denominator is 0.

CREATE TABLE line_metrics (
    line                text             NOT NULL,
    department          text             NOT NULL,
    window_start        timestamptz      NOT NULL,
    window_minutes      integer          NOT NULL CHECK (window_minutes > 0),
    attempts            bigint           NOT NULL,
    connected           bigint           NOT NULL,
    answered            bigint           NOT NULL,
    abandoned           bigint           NOT NULL,
    short_abandoned     bigint           NOT NULL,
    no_answer           bigint           NOT NULL,
    busy                bigint           NOT NULL,
    failed              bigint           NOT NULL,
    answered_within_sl  bigint           NOT NULL,
    wait_ms_sum         bigint           NOT NULL,
    talk_ms_sum         bigint           NOT NULL,
    resolved_known      bigint           NOT NULL,
    resolved            bigint           NOT NULL,
    satisfaction_count  bigint           NOT NULL,
    satisfaction_sum    bigint           NOT NULL,
    satisfied           bigint           NOT NULL,
    connection_rate     double precision,
    answer_rate         double precision,
    abandonment_rate    double precision,
    service_level       double precision,
    asa_seconds         double precision,
    updated_at          timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (line, window_start, window_minutes)
);

-- The dashboard: every line's latest windows.
CREATE INDEX line_metrics_window_start_idx ON line_metrics (window_start);
-- The monthly report and department drill-downs: one department's lines over a period.
CREATE INDEX line_metrics_department_window_start_idx ON line_metrics (department, window_start);

COMMENT ON TABLE line_metrics IS
    'Counts and rates per line and tumbling window (DESIGN §4); upserted by the hotline-metrics job.';
COMMENT ON COLUMN line_metrics.line IS 'The dialled public number (line_directory.number).';
COMMENT ON COLUMN line_metrics.department IS 'The department the line belonged to when the row was written.';
COMMENT ON COLUMN line_metrics.window_start IS 'Start of the window; windows are aligned to UTC.';
COMMENT ON COLUMN line_metrics.updated_at IS 'When the job last wrote this row.';

CREATE TABLE department_metrics (
    department          text             NOT NULL,
    window_start        timestamptz      NOT NULL,
    window_minutes      integer          NOT NULL CHECK (window_minutes > 0),
    attempts            bigint           NOT NULL,
    connected           bigint           NOT NULL,
    answered            bigint           NOT NULL,
    abandoned           bigint           NOT NULL,
    short_abandoned     bigint           NOT NULL,
    no_answer           bigint           NOT NULL,
    busy                bigint           NOT NULL,
    failed              bigint           NOT NULL,
    answered_within_sl  bigint           NOT NULL,
    wait_ms_sum         bigint           NOT NULL,
    talk_ms_sum         bigint           NOT NULL,
    resolved_known      bigint           NOT NULL,
    resolved            bigint           NOT NULL,
    satisfaction_count  bigint           NOT NULL,
    satisfaction_sum    bigint           NOT NULL,
    satisfied           bigint           NOT NULL,
    connection_rate     double precision,
    answer_rate         double precision,
    abandonment_rate    double precision,
    service_level       double precision,
    asa_seconds         double precision,
    updated_at          timestamptz      NOT NULL DEFAULT now(),
    -- Also serves "one department over a period": department, then window_start.
    PRIMARY KEY (department, window_start, window_minutes)
);

-- The dashboard and the monthly ranking: every department over a period.
CREATE INDEX department_metrics_window_start_idx ON department_metrics (window_start);

COMMENT ON TABLE department_metrics IS
    'Counts and rates per department (all its lines) and tumbling window (DESIGN §4); upserted by the hotline-metrics job.';
COMMENT ON COLUMN department_metrics.department IS 'The department id (departments.id).';
COMMENT ON COLUMN department_metrics.window_start IS 'Start of the window; windows are aligned to UTC.';
COMMENT ON COLUMN department_metrics.updated_at IS 'When the job last wrote this row.';
