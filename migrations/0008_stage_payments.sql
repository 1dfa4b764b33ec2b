-- Aid per stage (issue 4, item 4): freezing a stage copies the programme's active enrolments, with the amount or
-- quantity each receives and who and where they were at that moment, into a payment or delivery list. Later register
-- edits do not change a frozen list; each line then records what happened (planned, paid, failed, returned).

CREATE TABLE stage_lists (
    program_id   INTEGER NOT NULL REFERENCES programs (id),
    stage_number INTEGER NOT NULL,
    frozen_at    TEXT NOT NULL,
    frozen_by    TEXT NOT NULL,
    PRIMARY KEY (program_id, stage_number)
);

CREATE TABLE disbursements (
    id             {{AUTO_ID}},
    program_id     INTEGER NOT NULL REFERENCES programs (id),
    stage_number   INTEGER NOT NULL,
    enrolment_id   INTEGER NOT NULL REFERENCES enrolments (id),
    household_id   INTEGER NOT NULL REFERENCES households (id),
    person_id      INTEGER REFERENCES persons (id),
    -- Copies as of the freeze: the list says who was paid, whatever the register says later.
    recipient_name TEXT,
    recipient_nik  TEXT,
    village_code   TEXT NOT NULL,
    amount         INTEGER,
    quantity       REAL,
    status         TEXT NOT NULL CHECK (status IN ('planned', 'paid', 'failed', 'returned')),
    status_date    TEXT,
    channel        TEXT,
    note           TEXT,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL,
    UNIQUE (program_id, stage_number, enrolment_id)
);
CREATE INDEX disbursements_stage ON disbursements (program_id, stage_number, id);
CREATE INDEX disbursements_household ON disbursements (household_id);
