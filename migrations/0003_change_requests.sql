-- Change requests (usulan) from villages: proposed by a village operator for their own village, verified or
-- rejected by a registry operator; verification applies the change to the register as events. See the lifecycle
-- block in src/registry/change_requests.cpp.

CREATE TABLE change_requests (
    id                  {{AUTO_ID}},
    kind                TEXT NOT NULL CHECK (kind IN ('new_household', 'add_member', 'member_left', 'death', 'move',
                            'split', 'change_household', 'change_person')),
    status              TEXT NOT NULL CHECK (status IN ('proposed', 'verified', 'rejected', 'withdrawn')),
    village_code        TEXT NOT NULL REFERENCES regions (code),
    household_id        INTEGER REFERENCES households (id),
    person_id           INTEGER REFERENCES persons (id),
    payload             TEXT NOT NULL,
    reason              TEXT NOT NULL,
    proposed_by         INTEGER REFERENCES users (id),
    proposed_by_name    TEXT NOT NULL,
    proposed_at         TEXT NOT NULL,
    decided_by          INTEGER REFERENCES users (id),
    decided_by_name     TEXT,
    decided_at          TEXT,
    decision_note       TEXT,
    result_household_id INTEGER REFERENCES households (id)
);
CREATE INDEX change_requests_status ON change_requests (status, id);
CREATE INDEX change_requests_village ON change_requests (village_code, id);

-- Supporting documents (photo of the KK, death certificate). Stored as base64 text: portable across backends and
-- small (the request body limit bounds them).
CREATE TABLE change_request_attachments (
    id           {{AUTO_ID}},
    request_id   INTEGER NOT NULL REFERENCES change_requests (id),
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    data_base64  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX change_request_attachments_request ON change_request_attachments (request_id);
