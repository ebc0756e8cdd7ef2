-- +goose Up
-- Every permission the application has declared so far. Seeding grants a
-- built-in role only the permissions that are new since the last start, so
-- an administrator's edits to a built-in role are kept.
CREATE TABLE permission_catalog (
    permission TEXT PRIMARY KEY,
    added_at   TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE permission_catalog;
