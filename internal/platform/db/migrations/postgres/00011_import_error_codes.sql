-- +goose Up
-- Import problems as codes the UI (and the error workbook) translate: each
-- row error and a session's failure keep their English sentence for API
-- users beside a code and its params (a JSON object; '' when none).
ALTER TABLE import_errors ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE import_errors ADD COLUMN params TEXT NOT NULL DEFAULT '';
ALTER TABLE imports ADD COLUMN error_code TEXT NOT NULL DEFAULT '';
ALTER TABLE imports ADD COLUMN error_params TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE imports DROP COLUMN error_params;
ALTER TABLE imports DROP COLUMN error_code;
ALTER TABLE import_errors DROP COLUMN params;
ALTER TABLE import_errors DROP COLUMN code;
