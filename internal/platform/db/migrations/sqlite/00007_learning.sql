-- +goose Up
-- Learning (B2.2 courses, B3.1 internal sessions, B3.2 external training,
-- B3.3 online learning). Employee ids are plain ids, not foreign keys: the
-- records are history and must survive an employee's removal by org, which
-- does not know this module. Hours (学时) are stored in tenths of an hour
-- (hours_tenths 15 = 1.5 学时); money in fen; business dates as YYYY-MM-DD text.
-- lecturer_id and plan_item_id name rows of the training module (its external
-- lecturer registry and annual plan), checked through its service, not by keys.

CREATE TABLE learning_settings (
    id                   INTEGER PRIMARY KEY,
    report_due_days      INTEGER NOT NULL DEFAULT 7,
    remind_before_days   TEXT NOT NULL DEFAULT '3,1',
    overdue_repeat_days  INTEGER NOT NULL DEFAULT 3,
    document_min_seconds INTEGER NOT NULL DEFAULT 30,
    qr_rotate_seconds    INTEGER NOT NULL DEFAULT 30,
    qr_valid_seconds     INTEGER NOT NULL DEFAULT 90,
    checkin_open_minutes INTEGER NOT NULL DEFAULT 30,
    version              INTEGER NOT NULL DEFAULT 1,
    updated_at           TIMESTAMP NOT NULL
);

CREATE TABLE learning_courses (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    code               TEXT NOT NULL UNIQUE,
    title              TEXT NOT NULL,
    category           TEXT NOT NULL,
    summary            TEXT NOT NULL DEFAULT '',
    outline            TEXT NOT NULL DEFAULT '',
    methods            TEXT NOT NULL DEFAULT '',
    duration_minutes   INTEGER NOT NULL DEFAULT 0,
    hours_tenths       INTEGER NOT NULL DEFAULT 0,
    audience           TEXT NOT NULL DEFAULT '',
    completion_rule    TEXT NOT NULL DEFAULT 'all_materials',
    completion_min_pct INTEGER NOT NULL DEFAULT 100,
    status             TEXT NOT NULL DEFAULT 'draft',
    plan_item_id       INTEGER,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

CREATE TABLE learning_course_lecturers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id   INTEGER NOT NULL REFERENCES learning_courses(id) ON DELETE CASCADE,
    employee_id INTEGER,
    lecturer_id INTEGER,
    sort        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX learning_course_lecturers_course ON learning_course_lecturers(course_id);

CREATE TABLE learning_materials (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id        INTEGER NOT NULL REFERENCES learning_courses(id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    kind             TEXT NOT NULL,
    file_key         TEXT NOT NULL,
    file_name        TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    size_bytes       INTEGER NOT NULL,
    sha256           TEXT NOT NULL,
    duration_seconds INTEGER NOT NULL DEFAULT 0,
    min_seconds      INTEGER NOT NULL DEFAULT 0,
    required         INTEGER NOT NULL DEFAULT 1,
    sort             INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX learning_materials_course ON learning_materials(course_id, sort);

CREATE TABLE learning_course_learners (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id        INTEGER NOT NULL REFERENCES learning_courses(id) ON DELETE CASCADE,
    employee_id      INTEGER NOT NULL,
    source           TEXT NOT NULL,
    assigned_by      INTEGER,
    due_on           TEXT NOT NULL DEFAULT '',
    completed_at     TIMESTAMP,
    certificate_code TEXT UNIQUE,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (course_id, employee_id)
);
CREATE INDEX learning_course_learners_employee ON learning_course_learners(employee_id);

CREATE TABLE learning_progress (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    material_id      INTEGER NOT NULL REFERENCES learning_materials(id) ON DELETE CASCADE,
    course_id        INTEGER NOT NULL,
    employee_id      INTEGER NOT NULL,
    position_ms      INTEGER NOT NULL DEFAULT 0,
    watched_permille INTEGER NOT NULL DEFAULT 0,
    opened_at        TIMESTAMP,
    last_beacon_at   TIMESTAMP,
    completed_at     TIMESTAMP,
    beacons          INTEGER NOT NULL DEFAULT 0,
    clamped          INTEGER NOT NULL DEFAULT 0,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (material_id, employee_id)
);
CREATE INDEX learning_progress_learner ON learning_progress(employee_id, course_id);

CREATE TABLE learning_hours (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    employee_id  INTEGER NOT NULL,
    source       TEXT NOT NULL,
    source_id    INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    earned_on    TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (source, source_id, employee_id)
);
CREATE INDEX learning_hours_employee ON learning_hours(employee_id, earned_on);

CREATE TABLE learning_sessions (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id            INTEGER REFERENCES learning_courses(id) ON DELETE SET NULL,
    plan_item_id         INTEGER,
    title                TEXT NOT NULL,
    description          TEXT NOT NULL DEFAULT '',
    starts_at            TIMESTAMP NOT NULL,
    ends_at              TIMESTAMP NOT NULL,
    place                TEXT NOT NULL DEFAULT '',
    online_url           TEXT NOT NULL DEFAULT '',
    lecturer_employee_id INTEGER,
    lecturer_id          INTEGER,
    capacity             INTEGER NOT NULL DEFAULT 0,
    waitlist             INTEGER NOT NULL DEFAULT 0,
    self_enrol           INTEGER NOT NULL DEFAULT 0,
    walk_in              INTEGER NOT NULL DEFAULT 0,
    hours_tenths         INTEGER NOT NULL DEFAULT 0,
    status               TEXT NOT NULL DEFAULT 'scheduled',
    checkin_secret       TEXT NOT NULL,
    delivered_at         TIMESTAMP,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);
CREATE INDEX learning_sessions_starts ON learning_sessions(starts_at);

CREATE TABLE learning_enrolments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id     INTEGER NOT NULL REFERENCES learning_sessions(id) ON DELETE CASCADE,
    employee_id    INTEGER NOT NULL,
    source         TEXT NOT NULL,
    status         TEXT NOT NULL,
    attendance     TEXT NOT NULL DEFAULT '',
    checked_in_at  TIMESTAMP,
    checkin_method TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    decided_by     INTEGER,
    decided_at     TIMESTAMP,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (session_id, employee_id)
);
CREATE INDEX learning_enrolments_employee ON learning_enrolments(employee_id);

CREATE TABLE learning_posts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  INTEGER NOT NULL REFERENCES learning_sessions(id) ON DELETE CASCADE,
    employee_id INTEGER,
    user_id     INTEGER NOT NULL,
    author_name TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX learning_posts_session ON learning_posts(session_id);

CREATE TABLE learning_attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_kind   TEXT NOT NULL,
    owner_id     INTEGER NOT NULL,
    file_key     TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    user_id      INTEGER NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX learning_attachments_owner ON learning_attachments(owner_kind, owner_id);

CREATE TABLE learning_external (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    employee_id   INTEGER NOT NULL,
    provider      TEXT NOT NULL,
    course_title  TEXT NOT NULL,
    location      TEXT NOT NULL DEFAULT '',
    starts_on     TEXT NOT NULL,
    ends_on       TEXT NOT NULL,
    hours_tenths  INTEGER NOT NULL DEFAULT 0,
    cost_fen      INTEGER NOT NULL DEFAULT 0,
    category      TEXT NOT NULL,
    reason        TEXT NOT NULL,
    plan_item_id  INTEGER,
    status        TEXT NOT NULL,
    decided_by    INTEGER,
    decided_at    TIMESTAMP,
    decision_note TEXT NOT NULL DEFAULT '',
    attended_at   TIMESTAMP,
    report_due_on TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX learning_external_employee ON learning_external(employee_id);
CREATE INDEX learning_external_due ON learning_external(status, report_due_on);

CREATE TABLE learning_reports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id  INTEGER NOT NULL UNIQUE REFERENCES learning_external(id) ON DELETE CASCADE,
    employee_id  INTEGER NOT NULL,
    title        TEXT NOT NULL,
    learned      TEXT NOT NULL DEFAULT '',
    application  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'draft',
    submitted_at TIMESTAMP,
    reviewed_by  INTEGER,
    reviewed_at  TIMESTAMP,
    review_note  TEXT NOT NULL DEFAULT '',
    shared_at    TIMESTAMP,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX learning_reports_shared ON learning_reports(status, shared_at);

CREATE TABLE learning_reminders (
    dedupe_key  TEXT PRIMARY KEY,
    external_id INTEGER NOT NULL REFERENCES learning_external(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    employee_id INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE learning_reminders;
DROP TABLE learning_reports;
DROP TABLE learning_external;
DROP TABLE learning_attachments;
DROP TABLE learning_posts;
DROP TABLE learning_enrolments;
DROP TABLE learning_sessions;
DROP TABLE learning_hours;
DROP TABLE learning_progress;
DROP TABLE learning_course_learners;
DROP TABLE learning_materials;
DROP TABLE learning_course_lecturers;
DROP TABLE learning_courses;
DROP TABLE learning_settings;
