-- The register (Data Terpadu): households and persons as current state with a version, every change as an event
-- with its field-level before/after, and the KK number as an attribute with history. Nothing is deleted: records
-- are closed. Columns of the attribute catalogue (src/registry/fields.cpp) keep its names.

CREATE TABLE households (
    id                  {{AUTO_ID}},
    kk_number           TEXT,
    village_code        TEXT NOT NULL REFERENCES regions (code),
    rt                  TEXT,
    rw                  TEXT,
    address             TEXT,
    head_person_id      INTEGER,
    floor_material      TEXT,
    wall_material       TEXT,
    roof_material       TEXT,
    water_source        TEXT,
    lighting            TEXT,
    electricity_va      INTEGER,
    cooking_fuel        TEXT,
    toilet              TEXT,
    house_ownership     TEXT,
    land_ownership      TEXT,
    floor_area_m2       REAL,
    has_motorcycle      INTEGER,
    has_car             INTEGER,
    has_refrigerator    INTEGER,
    has_air_conditioner INTEGER,
    has_gold            INTEGER,
    has_land            INTEGER,
    has_computer        INTEGER,
    cattle_count        INTEGER,
    goat_count          INTEGER,
    poultry_count       INTEGER,
    desil               INTEGER CHECK (desil BETWEEN 1 AND 10),
    desil_source        TEXT,
    desil_as_of         TEXT,
    verified_at         TEXT,
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    closed_reason       TEXT CHECK (closed_reason IN ('moved_out', 'dissolved', 'merged')),
    closed_at           TEXT,
    warnings            TEXT NOT NULL DEFAULT '[]',
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX households_village ON households (village_code, id);
CREATE INDEX households_kk ON households (kk_number);
CREATE INDEX households_desil ON households (desil, id);

-- A KK number changes when a family moves, splits or loses its head; every number a household had is kept.
CREATE TABLE household_kk_history (
    household_id INTEGER NOT NULL REFERENCES households (id),
    kk_number    TEXT NOT NULL,
    valid_from   TEXT NOT NULL,
    valid_to     TEXT
);
CREATE INDEX household_kk_history_number ON household_kk_history (kk_number);
CREATE INDEX household_kk_history_household ON household_kk_history (household_id);

CREATE TABLE persons (
    id                  {{AUTO_ID}},
    household_id        INTEGER NOT NULL REFERENCES households (id),
    nik                 TEXT,
    name                TEXT NOT NULL,
    sex                 TEXT NOT NULL CHECK (sex IN ('L', 'P')),
    birth_place         TEXT,
    birth_date          TEXT,
    relation            TEXT NOT NULL,
    marital_status      TEXT,
    education_level     TEXT,
    schooling           TEXT,
    work_status         TEXT,
    occupation          TEXT,
    disability_type     TEXT,
    disability_severity TEXT,
    chronic_illness     TEXT,
    pregnant            INTEGER,
    life_status         TEXT NOT NULL DEFAULT 'alive' CHECK (life_status IN ('alive', 'deceased', 'moved_out')),
    life_status_date    TEXT,
    warnings            TEXT NOT NULL DEFAULT '[]',
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX persons_household ON persons (household_id, id);
CREATE INDEX persons_nik ON persons (nik);
-- One NIK belongs to one living person.
CREATE UNIQUE INDEX persons_nik_alive ON persons (nik) WHERE life_status = 'alive' AND nik IS NOT NULL;

-- Normalised name tokens (old spellings, doubled letters, titles removed) for spelling-tolerant search.
CREATE TABLE person_name_tokens (
    token     TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES persons (id)
);
CREATE INDEX person_name_tokens_token ON person_name_tokens (token, person_id);
CREATE INDEX person_name_tokens_person ON person_name_tokens (person_id);

CREATE TABLE register_events (
    id             {{AUTO_ID}},
    at             TEXT NOT NULL,
    actor_user_id  INTEGER,
    actor_username TEXT NOT NULL,
    household_id   INTEGER NOT NULL REFERENCES households (id),
    entity         TEXT NOT NULL CHECK (entity IN ('household', 'person')),
    entity_id      INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('create', 'change', 'close')),
    source         TEXT NOT NULL CHECK (source IN ('form', 'import', 'change_request', 'merge', 'demo')),
    reason         TEXT NOT NULL,
    changes        TEXT NOT NULL   -- JSON [{"field", "before", "after"}]
);
CREATE INDEX register_events_household ON register_events (household_id, id);
