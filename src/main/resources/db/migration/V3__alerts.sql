-- Line-health alert episodes of DESIGN §6, one row per episode id, upserted by the live job from
-- the alert state changes: FIRING inserts the row, RESOLVED sets state and ends_at. A RESOLVED row
-- is final: a FIRING delivered again after it (a restart replays since the last checkpoint) leaves
-- it as it is. Times are event times; ends_at is NULL while the episode fires.

CREATE TABLE alerts (
    id          text         PRIMARY KEY,
    type        text         NOT NULL,
    severity    text         NOT NULL,
    state       text         NOT NULL CHECK (state IN ('FIRING', 'RESOLVED')),
    line        text,
    department  text,
    starts_at   timestamptz  NOT NULL,
    ends_at     timestamptz,
    labels      jsonb        NOT NULL DEFAULT '{}'::jsonb,
    summary     text         NOT NULL,
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    CHECK ((state = 'FIRING') = (ends_at IS NULL))
);

CREATE INDEX alerts_line_starts_at ON alerts (line, starts_at);
CREATE INDEX alerts_department_starts_at ON alerts (department, starts_at);
-- The open alerts, for the dashboard: few rows, so a partial index stays small.
CREATE INDEX alerts_open ON alerts (starts_at) WHERE state = 'FIRING';
