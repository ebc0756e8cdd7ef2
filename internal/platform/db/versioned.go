package db

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
)

// UpdateVersioned updates the given columns of model's row id, only if its
// version is still version, and bumps the version. A stale version is a
// Conflict, a missing row NotFound; nothing is written in either case.
func UpdateVersioned(ctx context.Context, tx bun.IDB, model any, entity string, id int64, version int, columns ...string) error {
	if version <= 0 {
		return apperr.Reject("body.version", apperr.Required(), "version is required: send the version you read")
	}
	res, err := tx.NewUpdate().Model(model).Column(columns...).Set("version = version + 1").
		Where("id = ?", id).Where("version = ?", version).Exec(ctx)
	if err != nil {
		return apperr.Wrap(err, "update %s", entity)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	exists, err := tx.NewSelect().Model(model).Where("id = ?", id).Exists(ctx)
	if err != nil {
		return apperr.Wrap(err, "update %s", entity)
	}
	if exists {
		return apperr.StaleVersion(entity, id)
	}
	return apperr.NotFoundf(entity, id)
}

// NotFound maps sql.ErrNoRows to a NotFound error for entity id.
func NotFound(err error, entity string, id any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.NotFoundf(entity, id)
	}
	return apperr.Wrap(err, "load %s %v", entity, id)
}

// IsUniqueViolation reports whether err is a unique-constraint failure on
// either engine.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505") || strings.Contains(s, "duplicate key value")
}

// IsForeignKeyViolation reports whether err is a foreign-key failure.
func IsForeignKeyViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "FOREIGN KEY constraint failed") || strings.Contains(s, "SQLSTATE 23503")
}
