-- +goose Up
-- training (B1, B2): competency models, assessment rounds, business problems,
-- questionnaires, the training needs pool and the annual training plan.
--
-- Employee, department, position and shop references other than
-- competencies.position_id carry no foreign key: org deletes employees
-- outright, and training history (ratings, needs, plan items) must outlive
-- them. The service checks the ids against org on every write.

-- One row (id = 1): module settings and the marker that the built-in
-- competency models and the development survey were seeded once.
CREATE TABLE training_settings (
    id            INTEGER PRIMARY KEY,
    gap_threshold INTEGER NOT NULL DEFAULT 1,
    seeded_at     TIMESTAMP NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    updated_at    TIMESTAMP NOT NULL
);

-- A competency of a position's model; levels holds the five behavioural
-- descriptions (JSON array, level 1 first).
CREATE TABLE competencies (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    position_id    INTEGER NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
    category       TEXT NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    required_level INTEGER NOT NULL,
    levels         TEXT NOT NULL,
    sort           INTEGER NOT NULL DEFAULT 0,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (position_id, name)
);

-- Audiences of needs, plan items, questionnaires and assessment rounds:
-- owner is need | plan_item | questionnaire | round, kind is employee |
-- department | position. Rows are replaced with their owner's writes.
CREATE TABLE training_audiences (
    owner    TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    ref_id   INTEGER NOT NULL,
    PRIMARY KEY (owner, owner_id, kind, ref_id)
);
CREATE INDEX training_audiences_ref ON training_audiences(kind, ref_id);

CREATE TABLE assessment_rounds (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,
    period        TEXT NOT NULL DEFAULT '',
    start_date    TEXT NOT NULL DEFAULT '',
    due_date      TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'draft',
    gap_threshold INTEGER NOT NULL DEFAULT 1,
    opened_at     TIMESTAMP,
    closed_at     TIMESTAMP,
    needs_created INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- A participant is snapshotted when the round opens: department, position
-- and manager as they were then.
CREATE TABLE assessment_participants (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id             INTEGER NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
    employee_id          INTEGER NOT NULL,
    department_id        INTEGER NOT NULL,
    position_id          INTEGER NOT NULL,
    manager_id           INTEGER,
    self_submitted_at    TIMESTAMP,
    manager_submitted_at TIMESTAMP,
    UNIQUE (round_id, employee_id)
);
CREATE INDEX assessment_participants_employee ON assessment_participants(employee_id);

-- gap = required_level - agreed_level, set when the round closes.
CREATE TABLE assessment_ratings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id  INTEGER NOT NULL REFERENCES assessment_participants(id) ON DELETE CASCADE,
    competency_id   INTEGER NOT NULL REFERENCES competencies(id),
    required_level  INTEGER NOT NULL,
    self_level      INTEGER,
    manager_level   INTEGER,
    agreed_level    INTEGER,
    gap             INTEGER,
    self_comment    TEXT NOT NULL DEFAULT '',
    manager_comment TEXT NOT NULL DEFAULT '',
    UNIQUE (participant_id, competency_id)
);
CREATE INDEX assessment_ratings_competency ON assessment_ratings(competency_id);

CREATE TABLE business_problems (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    title            TEXT NOT NULL,
    area             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    evidence_metric  TEXT NOT NULL DEFAULT '',
    evidence_shop_id INTEGER,
    evidence_period  TEXT NOT NULL DEFAULT '',
    evidence_value   TEXT NOT NULL DEFAULT '',
    evidence_url     TEXT NOT NULL DEFAULT '',
    evidence_note    TEXT NOT NULL DEFAULT '',
    causes           TEXT NOT NULL DEFAULT '',
    owner_id         INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'open',
    found_date       TEXT NOT NULL DEFAULT '',
    closed_date      TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX business_problems_owner ON business_problems(owner_id);

CREATE TABLE questionnaires (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    purpose     TEXT NOT NULL DEFAULT 'survey',
    ref         TEXT NOT NULL DEFAULT '',
    anonymous   INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'draft',
    opens_at    TIMESTAMP,
    closes_at   TIMESTAMP,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX questionnaires_code ON questionnaires(code) WHERE code <> '';
CREATE INDEX questionnaires_ref ON questionnaires(purpose, ref);

-- options: JSON [{value,label}] of choice items; labels: JSON array of the
-- five Likert labels.
CREATE TABLE questionnaire_items (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id) ON DELETE CASCADE,
    sort             INTEGER NOT NULL DEFAULT 0,
    kind             TEXT NOT NULL,
    prompt           TEXT NOT NULL,
    required         INTEGER NOT NULL DEFAULT 0,
    options          TEXT NOT NULL DEFAULT '[]',
    labels           TEXT NOT NULL DEFAULT '[]',
    max_choices      INTEGER NOT NULL DEFAULT 0,
    raises_needs     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX questionnaire_items_q ON questionnaire_items(questionnaire_id);

-- The "has responded" marker: one row per person and questionnaire, also
-- for anonymous ones. It drives duplicate prevention and the response rate;
-- for anonymous questionnaires responses carry no respondent and both sides
-- keep only the day, so rows cannot be joined by time.
CREATE TABLE questionnaire_respondents (
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id) ON DELETE CASCADE,
    employee_id      INTEGER NOT NULL,
    responded_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (questionnaire_id, employee_id)
);

CREATE TABLE questionnaire_responses (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id) ON DELETE CASCADE,
    respondent_id    INTEGER,
    submitted_at     TIMESTAMP NOT NULL
);
CREATE INDEX questionnaire_responses_q ON questionnaire_responses(questionnaire_id);

-- One row per answered item; a multiple-choice answer has one row per option.
CREATE TABLE questionnaire_answers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id INTEGER NOT NULL REFERENCES questionnaire_responses(id) ON DELETE CASCADE,
    item_id     INTEGER NOT NULL REFERENCES questionnaire_items(id) ON DELETE CASCADE,
    choice      TEXT NOT NULL DEFAULT '',
    number      INTEGER,
    text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX questionnaire_answers_item ON questionnaire_answers(item_id);
CREATE INDEX questionnaire_answers_response ON questionnaire_answers(response_id);

-- source_key makes generated needs idempotent (gap:<round>:<employee>:<competency>,
-- survey:<questionnaire>:<employee>:<option>); NULL for needs entered by hand.
CREATE TABLE training_needs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    source        TEXT NOT NULL,
    source_id     INTEGER,
    source_key    TEXT UNIQUE,
    competency_id INTEGER REFERENCES competencies(id) ON DELETE SET NULL,
    topic         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    priority      TEXT NOT NULL DEFAULT 'medium',
    status        TEXT NOT NULL DEFAULT 'open',
    requested_by  INTEGER,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX training_needs_source ON training_needs(source, source_id);

CREATE TABLE external_lecturers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    institution TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'active',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE training_plans (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    year         INTEGER NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    goals        TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'draft',
    submitted_at TIMESTAMP,
    decided_at   TIMESTAMP,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

-- The plan's workflow history: submit, approve, reject with comments.
CREATE TABLE training_plan_reviews (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id     INTEGER NOT NULL REFERENCES training_plans(id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    user_id     INTEGER,
    user_name   TEXT NOT NULL DEFAULT '',
    at          TIMESTAMP NOT NULL
);
CREATE INDEX training_plan_reviews_plan ON training_plan_reviews(plan_id);

CREATE TABLE training_plan_items (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id              INTEGER NOT NULL REFERENCES training_plans(id) ON DELETE CASCADE,
    title                TEXT NOT NULL,
    goal                 TEXT NOT NULL DEFAULT '',
    category             TEXT NOT NULL,
    method               TEXT NOT NULL,
    target_month         INTEGER NOT NULL DEFAULT 0,
    start_date           TEXT NOT NULL DEFAULT '',
    end_date             TEXT NOT NULL DEFAULT '',
    lecturer_employee_id INTEGER,
    external_lecturer_id INTEGER REFERENCES external_lecturers(id),
    budget_fen           INTEGER NOT NULL DEFAULT 0,
    status               TEXT NOT NULL DEFAULT 'planned',
    delivered_date       TEXT NOT NULL DEFAULT '',
    sort                 INTEGER NOT NULL DEFAULT 0,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);
CREATE INDEX training_plan_items_plan ON training_plan_items(plan_id);
CREATE INDEX training_plan_items_lecturer ON training_plan_items(lecturer_employee_id);

CREATE TABLE training_plan_item_needs (
    item_id INTEGER NOT NULL REFERENCES training_plan_items(id) ON DELETE CASCADE,
    need_id INTEGER NOT NULL REFERENCES training_needs(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, need_id)
);
CREATE INDEX training_plan_item_needs_need ON training_plan_item_needs(need_id);

-- +goose Down
DROP TABLE training_plan_item_needs;
DROP TABLE training_plan_items;
DROP TABLE training_plan_reviews;
DROP TABLE training_plans;
DROP TABLE external_lecturers;
DROP TABLE training_needs;
DROP TABLE questionnaire_answers;
DROP TABLE questionnaire_responses;
DROP TABLE questionnaire_respondents;
DROP TABLE questionnaire_items;
DROP TABLE questionnaires;
DROP TABLE business_problems;
DROP TABLE assessment_ratings;
DROP TABLE assessment_participants;
DROP TABLE assessment_rounds;
DROP TABLE training_audiences;
DROP TABLE competencies;
DROP TABLE training_settings;
