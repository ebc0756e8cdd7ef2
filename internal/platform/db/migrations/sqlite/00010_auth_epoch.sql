-- +goose Up
-- A counter that moves whenever something a request's principal is built
-- from changes: users, roles, role permissions, role grants, the employee
-- behind a login, departments and shop staff. The server caches principals
-- under the counter's value and rebuilds one when the value has moved, so a
-- change takes effect on the next request, whichever process made it.
CREATE TABLE auth_epoch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO auth_epoch (id, n) VALUES (1, 0);

-- +goose StatementBegin
CREATE TRIGGER auth_epoch_users_ins AFTER INSERT ON users BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_users_upd AFTER UPDATE OF username, name, is_admin, status ON users BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_users_del AFTER DELETE ON users BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_roles_ins AFTER INSERT ON roles BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_roles_upd AFTER UPDATE ON roles BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_roles_del AFTER DELETE ON roles BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_role_permissions_ins AFTER INSERT ON role_permissions BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_role_permissions_upd AFTER UPDATE ON role_permissions BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_role_permissions_del AFTER DELETE ON role_permissions BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_user_roles_ins AFTER INSERT ON user_roles BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_user_roles_upd AFTER UPDATE ON user_roles BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_user_roles_del AFTER DELETE ON user_roles BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_employees_ins AFTER INSERT ON employees BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_employees_upd AFTER UPDATE OF user_id, department_id ON employees BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_employees_del AFTER DELETE ON employees BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_departments_ins AFTER INSERT ON departments BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_departments_upd AFTER UPDATE OF parent_id ON departments BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_departments_del AFTER DELETE ON departments BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_shop_staff_ins AFTER INSERT ON shop_staff BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_shop_staff_upd AFTER UPDATE ON shop_staff BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER auth_epoch_shop_staff_del AFTER DELETE ON shop_staff BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER auth_epoch_users_ins;
DROP TRIGGER auth_epoch_users_upd;
DROP TRIGGER auth_epoch_users_del;
DROP TRIGGER auth_epoch_roles_ins;
DROP TRIGGER auth_epoch_roles_upd;
DROP TRIGGER auth_epoch_roles_del;
DROP TRIGGER auth_epoch_role_permissions_ins;
DROP TRIGGER auth_epoch_role_permissions_upd;
DROP TRIGGER auth_epoch_role_permissions_del;
DROP TRIGGER auth_epoch_user_roles_ins;
DROP TRIGGER auth_epoch_user_roles_upd;
DROP TRIGGER auth_epoch_user_roles_del;
DROP TRIGGER auth_epoch_employees_ins;
DROP TRIGGER auth_epoch_employees_upd;
DROP TRIGGER auth_epoch_employees_del;
DROP TRIGGER auth_epoch_departments_ins;
DROP TRIGGER auth_epoch_departments_upd;
DROP TRIGGER auth_epoch_departments_del;
DROP TRIGGER auth_epoch_shop_staff_ins;
DROP TRIGGER auth_epoch_shop_staff_upd;
DROP TRIGGER auth_epoch_shop_staff_del;
DROP TABLE auth_epoch;
