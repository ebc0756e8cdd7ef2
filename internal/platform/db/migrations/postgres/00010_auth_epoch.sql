-- +goose Up
-- A counter that moves whenever something a request's principal is built
-- from changes: users, roles, role permissions, role grants, the employee
-- behind a login, departments and shop staff. The server caches principals
-- under the counter's value and rebuilds one when the value has moved, so a
-- change takes effect on the next request, whichever process made it. The
-- counter is a row, not a sequence: readers see the new value only once the
-- change that moved it has committed.
CREATE TABLE auth_epoch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO auth_epoch (id, n) VALUES (1, 0);

-- +goose StatementBegin
CREATE FUNCTION auth_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE auth_epoch SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER auth_epoch_users AFTER INSERT OR DELETE OR UPDATE OF username, name, is_admin, status ON users
FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_roles AFTER INSERT OR UPDATE OR DELETE ON roles
FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_role_permissions AFTER INSERT OR UPDATE OR DELETE ON role_permissions
FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_user_roles AFTER INSERT OR UPDATE OR DELETE ON user_roles
FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_employees AFTER INSERT OR DELETE OR UPDATE OF user_id, department_id ON employees
FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_departments AFTER INSERT OR DELETE OR UPDATE OF parent_id ON departments
FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();
CREATE TRIGGER auth_epoch_shop_staff AFTER INSERT OR UPDATE OR DELETE ON shop_staff
FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_bump();

-- +goose Down
DROP TRIGGER auth_epoch_users ON users;
DROP TRIGGER auth_epoch_roles ON roles;
DROP TRIGGER auth_epoch_role_permissions ON role_permissions;
DROP TRIGGER auth_epoch_user_roles ON user_roles;
DROP TRIGGER auth_epoch_employees ON employees;
DROP TRIGGER auth_epoch_departments ON departments;
DROP TRIGGER auth_epoch_shop_staff ON shop_staff;
DROP FUNCTION auth_epoch_bump();
DROP TABLE auth_epoch;
