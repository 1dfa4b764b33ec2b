-- Agencies' aid programmes (issue 4, item 1): what each gives, to whom (household or person), how much per stage,
-- over which period, within which budget (pagu), and the eligibility rule that selects its target households.
-- Amounts are whole rupiah. Enrolment and stage payment lists come in later migrations.

CREATE TABLE programs (
    id                 {{AUTO_ID}},
    agency_id          INTEGER NOT NULL REFERENCES agencies (id),
    code               TEXT NOT NULL UNIQUE,
    sipd_code          TEXT,
    name               TEXT NOT NULL,
    description        TEXT,
    benefit_type       TEXT NOT NULL CHECK (benefit_type IN ('cash', 'in_kind', 'service', 'training',
                           'insurance_premium', 'housing', 'business_capital')),
    target_level       TEXT NOT NULL CHECK (target_level IN ('household', 'person')),
    amount_per_stage   INTEGER CHECK (amount_per_stage >= 0),
    quantity_per_stage REAL CHECK (quantity_per_stage >= 0),
    unit               TEXT,
    period_start       TEXT NOT NULL,
    period_end         TEXT NOT NULL,
    budget             INTEGER CHECK (budget >= 0),
    target_count       INTEGER CHECK (target_count >= 0),
    -- The rule in its canonical JSON form (docs/eligibility-rules.md).
    eligibility_rule   TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('draft', 'active', 'closed')),
    version            INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (period_end >= period_start)
);
CREATE INDEX programs_agency ON programs (agency_id, code);

-- The stage (tahap) schedule: stage 1, 2, … in date order.
CREATE TABLE program_stages (
    program_id   INTEGER NOT NULL REFERENCES programs (id),
    number       INTEGER NOT NULL CHECK (number >= 1),
    name         TEXT NOT NULL,
    planned_date TEXT NOT NULL,
    PRIMARY KEY (program_id, number)
);
