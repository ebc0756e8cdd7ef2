package learning

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/blob"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// Material is one file of a course: a document, slides, a video or an
// image, kept in blob storage under a generated key.
type Material struct {
	bun.BaseModel   `bun:"table:learning_materials,alias:m"`
	ID              int64     `bun:"id,pk,autoincrement" json:"id"`
	CourseID        int64     `bun:"course_id" json:"course_id"`
	Title           string    `bun:"title" json:"title"`
	Kind            string    `bun:"kind" json:"kind" enum:"document,slides,video,image"`
	FileKey         string    `bun:"file_key" json:"-"`
	FileName        string    `bun:"file_name" json:"file_name" doc:"the uploader's file name, sanitised"`
	ContentType     string    `bun:"content_type" json:"content_type" doc:"detected from the content"`
	SizeBytes       int64     `bun:"size_bytes" json:"size_bytes"`
	SHA256          string    `bun:"sha256" json:"sha256"`
	DurationSeconds int       `bun:"duration_seconds" json:"duration_seconds" doc:"videos: read from the file, else as entered"`
	MinSeconds      int       `bun:"min_seconds" json:"min_seconds" doc:"documents: seconds open before it counts as read; 0 = the setting"`
	Required        bool      `bun:"required" json:"required" doc:"counts towards course completion"`
	Sort            int       `bun:"sort" json:"sort"`
	Version         int       `bun:"version" json:"version"`
	CreatedAt       time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt       time.Time `bun:"updated_at" json:"updated_at"`

	ContentURL  string `bun:"-" json:"content_url" doc:"inline view (PDF, image, video with Range); the player's src"`
	DownloadURL string `bun:"-" json:"download_url" doc:"the file as an attachment"`
	Previewable bool   `bun:"-" json:"previewable" doc:"the browser can show it inline (PDF, image, video)"`
}

// MaterialMeta is the part of a material a person types in.
type MaterialMeta struct {
	Title           string
	Kind            string
	DurationSeconds int
	MinSeconds      int
	Required        bool
	Sort            int
	Version         int
}

func (m *Material) links() {
	base := fmt.Sprintf("/api/v1/learning/materials/%d", m.ID)
	m.ContentURL, m.DownloadURL = base+"/content", base+"/content?download=true"
	m.Previewable = blob.CanInline(m.ContentType)
}

// policy returns what a material of kind accepts.
func (s *Service) policy(kind string) (blob.Policy, error) {
	switch kind {
	case "video":
		return blob.Policy{Limit: s.Limits.Video, Allow: blob.Videos}, nil
	case "image":
		return blob.Policy{Limit: s.Limits.Image, Allow: blob.Images}, nil
	case "document", "slides":
		return blob.Policy{Limit: s.Limits.Document, Allow: append(append([]string{}, blob.Documents...), blob.Images...)}, nil
	}
	return blob.Policy{}, apperr.Reject("body.kind", apperr.OneOf(MaterialKinds...), "must be one of %s", strings.Join(MaterialKinds, ", "))
}

func (s *Service) attachmentLimit() int64 { return s.Limits.Attachment }

// MaxUpload is the largest body any learning upload accepts (the request
// limit of the upload operations; each use then applies its own).
func (s *Service) MaxUpload() int64 {
	return max(s.Limits.Video, s.Limits.Document, s.Limits.Image, s.Limits.Attachment)
}

func (meta *MaterialMeta) validate() error {
	var v apperr.Validation
	meta.Title = strings.TrimSpace(meta.Title)
	oneOf(&v, "body.kind", meta.Kind, MaterialKinds)
	if meta.DurationSeconds < 0 || meta.DurationSeconds > 24*3600 {
		v.Reject("body.duration_seconds", apperr.Between(0, 86400), "must be between 0 and 86400")
	}
	if meta.MinSeconds < 0 || meta.MinSeconds > 3600 {
		v.Reject("body.min_seconds", apperr.Between(0, 3600), "must be between 0 and 3600")
	}
	return v.Err()
}

func (s *Service) materials(ctx context.Context, idb bun.IDB, courseID int64) ([]Material, error) {
	var items []Material
	err := idb.NewSelect().Model(&items).Where("m.course_id = ?", courseID).OrderExpr("m.sort, m.id").Scan(ctx)
	for i := range items {
		items[i].links()
	}
	if items == nil {
		items = []Material{}
	}
	return items, apperr.Wrap(err, "list materials")
}

func (s *Service) material(ctx context.Context, idb bun.IDB, id int64) (Material, error) {
	var m Material
	err := idb.NewSelect().Model(&m).Where("m.id = ?", id).Scan(ctx)
	m.links()
	return m, db.NotFound(err, "material", id)
}

// store keeps an upload for a material of kind and reads a video's duration.
func (s *Service) store(ctx context.Context, kind string, r io.Reader, name string) (blob.Upload, int, error) {
	p, err := s.policy(kind)
	if err != nil {
		return blob.Upload{}, 0, err
	}
	up, err := blob.Accept(ctx, s.files, r, name, p)
	if err != nil || kind != "video" {
		return up, 0, err
	}
	rc, size, err := s.files.Open(ctx, up.Key)
	if err != nil {
		return up, 0, err
	}
	defer rc.Close()
	secs := 0
	if ra, ok := rc.(io.ReaderAt); ok {
		if d, ok := blob.VideoSeconds(ra, size, up.ContentType); ok {
			secs = int(math.Ceil(d))
		}
	}
	return up, secs, nil
}

// AddMaterial uploads a file to a course. The file is checked and stored
// before the short transaction that records it, so a large upload never
// holds the database; a failed insert removes the file again.
// Errors: not_found (course), invalid (kind, size, type, name).
func (s *Service) AddMaterial(ctx context.Context, courseID int64, meta MaterialMeta, r io.Reader, name string) (Material, error) {
	if err := meta.validate(); err != nil {
		return Material{}, err
	}
	if _, err := s.course(ctx, s.db.R, courseID); err != nil {
		return Material{}, err
	}
	up, secs, err := s.store(ctx, meta.Kind, r, name)
	if err != nil {
		return Material{}, err
	}
	m := Material{CourseID: courseID, Title: meta.Title, Kind: meta.Kind, FileKey: up.Key, FileName: up.Name, ContentType: up.ContentType,
		SizeBytes: up.Size, SHA256: up.SHA256, DurationSeconds: meta.DurationSeconds, MinSeconds: meta.MinSeconds, Required: meta.Required, Sort: meta.Sort, Version: 1}
	if secs > 0 {
		m.DurationSeconds = secs
	}
	if m.Title == "" {
		m.Title = up.Name
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := s.course(ctx, tx, courseID); err != nil {
			return err
		}
		m.CreatedAt, m.UpdatedAt = s.now(), s.now()
		if _, err := tx.NewInsert().Model(&m).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "add material")
		}
		trail.Change(ctx, "learning.material", m.ID, nil, m)
		return nil
	})
	if err != nil {
		s.deleteFiles(ctx, up.Key)
		return Material{}, err
	}
	m.links()
	return m, nil
}

// UpdateMaterial changes a material's details; with r it also replaces the
// file (the old one is deleted after the commit). Learners' progress stays.
// Errors: invalid, not_found, conflict.
func (s *Service) UpdateMaterial(ctx context.Context, id int64, meta MaterialMeta, r io.Reader, name string) (Material, error) {
	if err := meta.validate(); err != nil {
		return Material{}, err
	}
	cur, err := s.material(ctx, s.db.R, id)
	if err != nil {
		return Material{}, err
	}
	next := cur
	next.Title, next.Kind, next.MinSeconds, next.Required, next.Sort = meta.Title, meta.Kind, meta.MinSeconds, meta.Required, meta.Sort
	if meta.DurationSeconds > 0 {
		next.DurationSeconds = meta.DurationSeconds
	}
	if next.Title == "" {
		next.Title = cur.Title
	}
	var up blob.Upload
	if r != nil {
		var secs int
		if up, secs, err = s.store(ctx, meta.Kind, r, name); err != nil {
			return Material{}, err
		}
		next.FileKey, next.FileName, next.ContentType, next.SizeBytes, next.SHA256 = up.Key, up.Name, up.ContentType, up.Size, up.SHA256
		if secs > 0 {
			next.DurationSeconds = secs
		}
	} else if p, err := s.policy(meta.Kind); err != nil {
		return Material{}, err
	} else if !slices.Contains(p.Allow, cur.ContentType) {
		return Material{}, apperr.Reject("body.kind", apperr.Because("kind_mismatch", apperr.P{"kind": meta.Kind}), "the stored file (%s) cannot be a %s; upload a new file", cur.ContentType, meta.Kind)
	}
	var out Material
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		next.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &next, "material", id, meta.Version, "title", "kind", "file_key", "file_name", "content_type",
			"size_bytes", "sha256", "duration_seconds", "min_seconds", "required", "sort", "updated_at"); err != nil {
			return err
		}
		var err error
		if out, err = s.material(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "learning.material", id, cur, out)
		return nil
	})
	switch {
	case err != nil && up.Key != "":
		s.deleteFiles(ctx, up.Key)
	case err == nil && up.Key != "":
		s.deleteFiles(ctx, cur.FileKey)
	}
	return out, err
}

// DeleteMaterial removes a material, its learners' progress and its file.
// Errors: not_found.
func (s *Service) DeleteMaterial(ctx context.Context, id int64) error {
	var cur Material
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if cur, err = s.material(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*Material)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete material")
		}
		trail.Change(ctx, "learning.material", id, cur, nil)
		return nil
	})
	if err == nil {
		s.deleteFiles(ctx, cur.FileKey)
	}
	return err
}

// deleteFiles removes stored files after their rows are gone. A failure
// leaves an orphan file (logged), never a row without its file.
func (s *Service) deleteFiles(ctx context.Context, keys ...string) {
	for _, k := range keys {
		if err := s.files.Delete(ctx, k); err != nil {
			slog.WarnContext(ctx, "orphan file left in storage", "key", k, "err", err)
		}
	}
}

// MaterialFile returns what serving material id needs, after checking the
// caller may open it: the course is published, or the caller is one of its
// learners, or holds learning:course:read (catalogue staff preview drafts).
// Errors: not_found.
func (s *Service) MaterialFile(ctx context.Context, id int64) (blob.File, error) {
	m, err := s.material(ctx, s.db.R, id)
	if err != nil {
		return blob.File{}, err
	}
	c, err := s.course(ctx, s.db.R, m.CourseID)
	if err != nil {
		return blob.File{}, err
	}
	if c.Status != "published" && !auth.From(ctx).Can("learning:course:read") {
		p := auth.From(ctx)
		enrolled := false
		if p != nil && p.EmployeeID != 0 {
			enrolled, err = s.db.R.NewSelect().Model((*CourseLearner)(nil)).Where("course_id = ? AND employee_id = ?", c.ID, p.EmployeeID).Exists(ctx)
			if err != nil {
				return blob.File{}, apperr.Wrap(err, "check enrolment")
			}
		}
		if !enrolled {
			return blob.File{}, apperr.NotFoundf("material", id)
		}
	}
	return blob.File{Key: m.FileKey, Name: m.FileName, ContentType: m.ContentType, SHA256: m.SHA256, ModTime: m.UpdatedAt}, nil
}
