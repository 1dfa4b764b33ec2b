-- Register imports started through the API (issue 3, item 7): the upload is queued as a job, a background worker
-- imports it, and the job keeps the result and the whole report for the person who uploaded it. Progress while a job
-- runs is held in memory (the import's own write transaction would block writing it here).

CREATE TABLE import_jobs (
    id                  {{AUTO_ID}},
    filename            TEXT NOT NULL,
    size_bytes          INTEGER NOT NULL,
    partial             INTEGER NOT NULL CHECK (partial IN (0, 1)),
    status              TEXT NOT NULL CHECK (status IN ('queued', 'running', 'finished', 'failed')),
    rows_read           INTEGER NOT NULL DEFAULT 0,
    rows_refused        INTEGER NOT NULL DEFAULT 0,
    households_imported INTEGER NOT NULL DEFAULT 0,
    persons_imported    INTEGER NOT NULL DEFAULT 0,
    committed           INTEGER NOT NULL DEFAULT 0 CHECK (committed IN (0, 1)),
    stopped_at_row      INTEGER,
    issue_count         INTEGER NOT NULL DEFAULT 0,
    -- The first problems as JSON (shown on the page) and the whole report as CSV (downloaded).
    issues_json         TEXT NOT NULL DEFAULT '[]',
    report_csv          TEXT,
    error_id            TEXT,
    error_en            TEXT,
    created_by          INTEGER REFERENCES users (id),
    created_by_name     TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    started_at          TEXT,
    finished_at         TEXT
);
CREATE INDEX import_jobs_status ON import_jobs (status, id);
