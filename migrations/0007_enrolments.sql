-- Enrolment of households or persons in programmes (issue 4, item 3). See the lifecycle block in
-- src/programs/enrolments.hpp: proposed → verified → active → graduated or exited, each step with a reason.

CREATE TABLE enrolments (
    id            {{AUTO_ID}},
    program_id    INTEGER NOT NULL REFERENCES programs (id),
    household_id  INTEGER NOT NULL REFERENCES households (id),
    person_id     INTEGER REFERENCES persons (id),  -- set exactly for person-level programmes
    status        TEXT NOT NULL CHECK (status IN ('proposed', 'verified', 'active', 'graduated', 'exited')),
    status_reason TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('single', 'eligible_list', 'uploaded_list')),
    created_by    INTEGER REFERENCES users (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL
);
-- One open enrolment per programme and household (household level) or person (person level); after graduating or
-- exiting, a new one may start.
CREATE UNIQUE INDEX enrolments_open_household ON enrolments (program_id, household_id)
    WHERE person_id IS NULL AND status IN ('proposed', 'verified', 'active');
CREATE UNIQUE INDEX enrolments_open_person ON enrolments (program_id, person_id)
    WHERE person_id IS NOT NULL AND status IN ('proposed', 'verified', 'active');
CREATE INDEX enrolments_program ON enrolments (program_id, status, id);
CREATE INDEX enrolments_household ON enrolments (household_id);

-- Every status change, with who, when and why.
CREATE TABLE enrolment_events (
    id           {{AUTO_ID}},
    enrolment_id INTEGER NOT NULL REFERENCES enrolments (id),
    at           TEXT NOT NULL,
    actor_id     INTEGER REFERENCES users (id),
    actor        TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    reason       TEXT NOT NULL
);
CREATE INDEX enrolment_events_enrolment ON enrolment_events (enrolment_id, id);
