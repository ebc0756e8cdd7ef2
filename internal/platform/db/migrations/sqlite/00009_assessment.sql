-- +goose Up
-- Evaluation (B4): question bank with immutable versions, papers, exams,
-- attempts with autosaved answers, participation during training, feedback
-- forms (on the training module's questionnaire engine), the managers'
-- on-the-job ratings and lessons learned. Employee, course, session,
-- competency and questionnaire ids are plain ids, not foreign keys: they
-- belong to other modules, and results are history that must survive them.
-- Scores are in hundredths of a point (*_c columns: 150 = 1.5 points).

CREATE TABLE assessment_settings (
    id                  INTEGER PRIMARY KEY,
    behaviour_days      TEXT NOT NULL DEFAULT '90',
    feedback_days       INTEGER NOT NULL DEFAULT 7,
    results_period_days INTEGER NOT NULL DEFAULT 30,
    min_group_size      INTEGER NOT NULL DEFAULT 3,
    version             INTEGER NOT NULL DEFAULT 1,
    updated_at          TIMESTAMP NOT NULL
);

-- A question is its head (identity, kind, status) and a chain of versions.
-- Versions are never changed: editing adds one and moves current_version_id.
CREATE TABLE assessment_questions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    code               TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'active',
    current_version_id INTEGER,
    version_no         INTEGER NOT NULL DEFAULT 1,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX assessment_questions_code ON assessment_questions(code) WHERE code <> '';

-- options: JSON [{key,text}]; answer_key: JSON {choices|true|blanks};
-- competency_ids and tags: comma-separated lists.
CREATE TABLE assessment_question_versions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id      INTEGER NOT NULL REFERENCES assessment_questions(id) ON DELETE CASCADE,
    version_no       INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    stem             TEXT NOT NULL,
    options          TEXT NOT NULL DEFAULT '[]',
    answer_key       TEXT NOT NULL DEFAULT '{}',
    points           INTEGER NOT NULL DEFAULT 1,
    difficulty       TEXT NOT NULL DEFAULT 'medium',
    course_id        INTEGER,
    competency_ids   TEXT NOT NULL DEFAULT '',
    tags             TEXT NOT NULL DEFAULT '',
    explanation      TEXT NOT NULL DEFAULT '',
    rubric           TEXT NOT NULL DEFAULT '',
    reference_answer TEXT NOT NULL DEFAULT '',
    created_by       INTEGER,
    created_at       TIMESTAMP NOT NULL,
    UNIQUE (question_id, version_no)
);

CREATE TABLE assessment_papers (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    mode              TEXT NOT NULL DEFAULT 'fixed',
    multi_rule        TEXT NOT NULL DEFAULT 'all_or_nothing',
    shuffle_questions INTEGER NOT NULL DEFAULT 0,
    shuffle_options   INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

-- Fixed papers pin question versions.
CREATE TABLE assessment_paper_items (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    paper_id            INTEGER NOT NULL REFERENCES assessment_papers(id) ON DELETE CASCADE,
    sort                INTEGER NOT NULL,
    question_id         INTEGER NOT NULL REFERENCES assessment_questions(id),
    question_version_id INTEGER NOT NULL REFERENCES assessment_question_versions(id),
    points              INTEGER NOT NULL
);
CREATE INDEX assessment_paper_items_paper ON assessment_paper_items(paper_id);

-- Rule-based papers: count questions matching the filter, points each.
CREATE TABLE assessment_paper_rules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    paper_id      INTEGER NOT NULL REFERENCES assessment_papers(id) ON DELETE CASCADE,
    sort          INTEGER NOT NULL,
    kind          TEXT NOT NULL DEFAULT '',
    difficulty    TEXT NOT NULL DEFAULT '',
    competency_id INTEGER,
    course_id     INTEGER,
    tag           TEXT NOT NULL DEFAULT '',
    count         INTEGER NOT NULL,
    points        INTEGER NOT NULL
);
CREATE INDEX assessment_paper_rules_paper ON assessment_paper_rules(paper_id);

CREATE TABLE assessment_exams (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    paper_id           INTEGER NOT NULL REFERENCES assessment_papers(id),
    purpose            TEXT NOT NULL DEFAULT 'exam',
    course_id          INTEGER,
    session_id         INTEGER,
    pair_exam_id       INTEGER REFERENCES assessment_exams(id),
    time_limit_minutes INTEGER NOT NULL DEFAULT 0,
    pass_percent       INTEGER NOT NULL DEFAULT 60,
    max_attempts       INTEGER NOT NULL DEFAULT 1,
    opens_at           TIMESTAMP,
    closes_at          TIMESTAMP,
    review_policy      TEXT NOT NULL DEFAULT 'after_submit',
    status             TEXT NOT NULL DEFAULT 'draft',
    created_by         INTEGER,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX assessment_exams_course ON assessment_exams(course_id);
CREATE INDEX assessment_exams_session ON assessment_exams(session_id);

-- kind: employee, department (and below) or position.
CREATE TABLE assessment_exam_audience (
    exam_id INTEGER NOT NULL REFERENCES assessment_exams(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    ref_id  INTEGER NOT NULL,
    PRIMARY KEY (exam_id, kind, ref_id)
);

-- multi_rule and pass_percent are copied from the paper and exam at start,
-- so a later edit never changes an attempt already taken.
CREATE TABLE assessment_attempts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    exam_id        INTEGER NOT NULL REFERENCES assessment_exams(id),
    employee_id    INTEGER NOT NULL,
    attempt_no     INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'active',
    seed           INTEGER NOT NULL,
    multi_rule     TEXT NOT NULL,
    pass_percent   INTEGER NOT NULL,
    started_at     TIMESTAMP NOT NULL,
    deadline_at    TIMESTAMP,
    submitted_at   TIMESTAMP,
    submit_reason  TEXT NOT NULL DEFAULT '',
    score_c        INTEGER NOT NULL DEFAULT 0,
    max_c          INTEGER NOT NULL DEFAULT 0,
    pending_manual INTEGER NOT NULL DEFAULT 0,
    passed         INTEGER,
    graded_at      TIMESTAMP,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (exam_id, employee_id, attempt_no)
);
-- at most one active attempt per learner and exam
CREATE UNIQUE INDEX assessment_attempts_active ON assessment_attempts(exam_id, employee_id) WHERE status = 'active';
CREATE INDEX assessment_attempts_due ON assessment_attempts(status, deadline_at);
CREATE INDEX assessment_attempts_employee ON assessment_attempts(employee_id);

-- answer: the learner's JSON answer; answer_seq: the client sequence number
-- of the save that wrote it (a lower one never overwrites a higher one).
CREATE TABLE assessment_attempt_items (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    attempt_id          INTEGER NOT NULL REFERENCES assessment_attempts(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    question_id         INTEGER NOT NULL,
    question_version_id INTEGER NOT NULL REFERENCES assessment_question_versions(id),
    points_c            INTEGER NOT NULL,
    option_order        TEXT NOT NULL DEFAULT '',
    answer              TEXT NOT NULL DEFAULT '',
    answer_seq          INTEGER NOT NULL DEFAULT 0,
    answered_at         TIMESTAMP,
    auto_score_c        INTEGER,
    manual_score_c      INTEGER,
    grader_comment      TEXT NOT NULL DEFAULT '',
    graded_by           INTEGER,
    graded_at           TIMESTAMP,
    UNIQUE (attempt_id, position)
);
CREATE INDEX assessment_attempt_items_version ON assessment_attempt_items(question_version_id);

-- B4.2: what the lecturer records per attendee of a session.
CREATE TABLE assessment_participation (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id         INTEGER NOT NULL,
    employee_id        INTEGER NOT NULL,
    questions_asked    INTEGER NOT NULL DEFAULT 0,
    questions_answered INTEGER NOT NULL DEFAULT 0,
    discussion         INTEGER NOT NULL DEFAULT 0,
    practice_score     INTEGER,
    note               TEXT NOT NULL DEFAULT '',
    recorded_by        INTEGER,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    UNIQUE (session_id, employee_id)
);

-- B4.3: a session's feedback questionnaire (training module) and which of
-- its items rate which dimension: JSON {"item_id": "content", ...}.
CREATE TABLE assessment_feedback_forms (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id       INTEGER NOT NULL UNIQUE,
    questionnaire_id INTEGER NOT NULL,
    dimensions       TEXT NOT NULL DEFAULT '{}',
    last_reminded_at TIMESTAMP,
    created_by       INTEGER,
    created_at       TIMESTAMP NOT NULL
);

-- Behaviour: the manager's on-the-job rating of a trainee days_after the session.
CREATE TABLE assessment_behaviour_ratings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id   INTEGER NOT NULL,
    employee_id  INTEGER NOT NULL,
    manager_id   INTEGER NOT NULL,
    days_after   INTEGER NOT NULL,
    due_on       TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    rating       INTEGER,
    comment      TEXT NOT NULL DEFAULT '',
    rated_at     TIMESTAMP,
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, employee_id, days_after)
);
CREATE INDEX assessment_behaviour_manager ON assessment_behaviour_ratings(manager_id);

CREATE TABLE assessment_lessons (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  INTEGER NOT NULL UNIQUE,
    went_well   TEXT NOT NULL DEFAULT '',
    to_improve  TEXT NOT NULL DEFAULT '',
    actions     TEXT NOT NULL DEFAULT '',
    updated_by  INTEGER,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE assessment_lessons;
DROP TABLE assessment_behaviour_ratings;
DROP TABLE assessment_feedback_forms;
DROP TABLE assessment_participation;
DROP TABLE assessment_attempt_items;
DROP TABLE assessment_attempts;
DROP TABLE assessment_exam_audience;
DROP TABLE assessment_exams;
DROP TABLE assessment_paper_rules;
DROP TABLE assessment_paper_items;
DROP TABLE assessment_papers;
DROP TABLE assessment_question_versions;
DROP TABLE assessment_questions;
DROP TABLE assessment_settings;
