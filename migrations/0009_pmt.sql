-- Proxy Means Test estimates (issue 4, item 5): a run estimates the consumption per capita of every active household
-- from its register attributes with a weights file (docs/pmt.md), ranks the households of each regency into desil
-- 1-10, and replaces the estimates of the previous run. The official desil in households stays as it is: it remains
-- the authoritative one wherever it is present.

CREATE TABLE pmt_runs (
    id              {{AUTO_ID}},
    status          TEXT NOT NULL CHECK (status IN ('queued', 'running', 'finished', 'failed')),
    weights_version TEXT NOT NULL,
    households      INTEGER NOT NULL DEFAULT 0,  -- estimated
    skipped         INTEGER NOT NULL DEFAULT 0,  -- active households without a living member: nothing to estimate
    error_id        TEXT,
    error_en        TEXT,
    created_by      INTEGER REFERENCES users (id),
    created_by_name TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    started_at      TEXT,
    finished_at     TEXT
);
CREATE INDEX pmt_runs_status ON pmt_runs (status, id);

-- One row per household estimated by the latest finished run.
CREATE TABLE pmt_estimates (
    household_id           INTEGER PRIMARY KEY REFERENCES households (id),
    run_id                 INTEGER NOT NULL REFERENCES pmt_runs (id),
    consumption_per_capita INTEGER NOT NULL,   -- rupiah per person per month
    log_consumption        REAL NOT NULL,
    estimated_desil        INTEGER NOT NULL CHECK (estimated_desil BETWEEN 1 AND 10),
    weights_version        TEXT NOT NULL,
    computed_at            TEXT NOT NULL,
    -- The terms with the largest absolute contribution: JSON [[variable, value, contribution], …], largest first.
    contributions          TEXT NOT NULL,
    -- Variables the weights use that the register does not hold for this household (they counted as zero): JSON array.
    missing                TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX pmt_estimates_desil ON pmt_estimates (estimated_desil, household_id);
