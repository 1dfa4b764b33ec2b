-- The foundation: reference regions (Kemendagri codes), agencies, users, sessions, API tokens, login attempts and
-- the audit log (UU 27/2022: every processing activity is recorded).

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,            -- Kemendagri code, e.g. 33.02.01.2001
    parent_code TEXT REFERENCES regions (code),
    level       TEXT NOT NULL CHECK (level IN ('province', 'regency', 'district', 'village')),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL                -- lower-case name for case-insensitive search on both backends
);
CREATE INDEX regions_parent ON regions (parent_code, code);
CREATE INDEX regions_level ON regions (level, code);

CREATE TABLE agencies (
    id          {{AUTO_ID}},
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('bappeda', 'dinas', 'ngo', 'kecamatan', 'desa')),
    region_code TEXT NOT NULL REFERENCES regions (code),
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE users (
    id                  {{AUTO_ID}},
    username            TEXT NOT NULL UNIQUE,
    full_name           TEXT NOT NULL,
    agency_id           INTEGER REFERENCES agencies (id),
    role                TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'agency_head', 'agency_staff',
                            'registry_operator', 'village_operator', 'ngo_partner', 'facilitator', 'auditor')),
    password_hash       TEXT NOT NULL,
    active              INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    last_login_at       TEXT
);
CREATE INDEX users_agency ON users (agency_id, id);

-- Session and API token secrets are stored as BLAKE2b hashes: a copy of the database hands out no live login.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    client_ip    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           {{AUTO_ID}},
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id),
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

CREATE TABLE login_attempts (
    id        {{AUTO_ID}},
    username  TEXT NOT NULL,
    at        TEXT NOT NULL,
    succeeded INTEGER NOT NULL,
    client_ip TEXT NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts (username, at);

CREATE TABLE audit_log (
    id             {{AUTO_ID}},
    at             TEXT NOT NULL,
    actor_user_id  INTEGER,
    actor_username TEXT,
    action         TEXT NOT NULL,
    entity         TEXT NOT NULL,
    entity_id      TEXT,
    client_ip      TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    detail         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_actor ON audit_log (actor_username, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
