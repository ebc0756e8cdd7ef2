package learning

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/blob"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// Attachment is a file on a knowledge-sharing post or a summary report.
type Attachment struct {
	bun.BaseModel `bun:"table:learning_attachments,alias:a"`
	ID            int64     `bun:"id,pk,autoincrement" json:"id"`
	OwnerKind     string    `bun:"owner_kind" json:"owner_kind" enum:"post,report"`
	OwnerID       int64     `bun:"owner_id" json:"owner_id"`
	FileKey       string    `bun:"file_key" json:"-"`
	FileName      string    `bun:"file_name" json:"file_name"`
	ContentType   string    `bun:"content_type" json:"content_type"`
	SizeBytes     int64     `bun:"size_bytes" json:"size_bytes"`
	SHA256        string    `bun:"sha256" json:"sha256"`
	UserID        int64     `bun:"user_id" json:"-"`
	CreatedAt     time.Time `bun:"created_at" json:"created_at"`

	ContentURL  string `bun:"-" json:"content_url"`
	DownloadURL string `bun:"-" json:"download_url"`
	Previewable bool   `bun:"-" json:"previewable"`
}

func (a *Attachment) links() {
	base := fmt.Sprintf("/api/v1/learning/attachments/%d", a.ID)
	a.ContentURL, a.DownloadURL, a.Previewable = base+"/content", base+"/content?download=true", blob.CanInline(a.ContentType)
}

// attachmentPolicy: documents, images and short videos up to the attachment limit.
func (s *Service) attachmentPolicy() blob.Policy {
	allow := append(append(append([]string{}, blob.Documents...), blob.Images...), blob.Videos...)
	return blob.Policy{Limit: s.Limits.Attachment, Allow: allow}
}

func (s *Service) attachments(ctx context.Context, idb bun.IDB, kind string, ids ...int64) (map[int64][]Attachment, error) {
	out := map[int64][]Attachment{}
	if len(ids) == 0 {
		return out, nil
	}
	var items []Attachment
	if err := idb.NewSelect().Model(&items).Where("owner_kind = ? AND owner_id IN (?)", kind, bun.In(ids)).OrderExpr("id").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "list attachments")
	}
	for _, a := range items {
		a.links()
		out[a.OwnerID] = append(out[a.OwnerID], a)
	}
	return out, nil
}

// addAttachment stores a file first, then records it; check runs inside the
// transaction and refuses when the caller may not attach to the owner.
func (s *Service) addAttachment(ctx context.Context, kind string, ownerID int64, r io.Reader, name string, check func(ctx context.Context, tx bun.IDB) error) (Attachment, error) {
	if err := check(ctx, s.db.R); err != nil {
		return Attachment{}, err
	}
	up, err := blob.Accept(ctx, s.files, r, name, s.attachmentPolicy())
	if err != nil {
		return Attachment{}, err
	}
	a := Attachment{OwnerKind: kind, OwnerID: ownerID, FileKey: up.Key, FileName: up.Name, ContentType: up.ContentType, SizeBytes: up.Size,
		SHA256: up.SHA256, UserID: userID(ctx), CreatedAt: s.now()}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := check(ctx, tx); err != nil {
			return err
		}
		if n, err := tx.NewSelect().Model((*Attachment)(nil)).Where("owner_kind = ? AND owner_id = ?", kind, ownerID).Count(ctx); err != nil {
			return apperr.Wrap(err, "count attachments")
		} else if n >= 20 {
			return apperr.Reject("body.file", apperr.TooManyItems(20), "at most 20 files per %s", kind)
		}
		if _, err := tx.NewInsert().Model(&a).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "add attachment")
		}
		trail.Change(ctx, "learning.attachment", a.ID, nil, a)
		return nil
	})
	if err != nil {
		s.deleteFiles(ctx, up.Key)
		return Attachment{}, err
	}
	a.links()
	return a, nil
}

func (s *Service) attachment(ctx context.Context, idb bun.IDB, id int64) (Attachment, error) {
	var a Attachment
	err := idb.NewSelect().Model(&a).Where("a.id = ?", id).Scan(ctx)
	return a, db.NotFound(err, "attachment", id)
}

// AttachmentFile returns what serving attachment id needs after checking
// the caller may see its owner (the post's session, or the report).
// Errors: not_found.
func (s *Service) AttachmentFile(ctx context.Context, id int64) (blob.File, error) {
	a, err := s.attachment(ctx, s.db.R, id)
	if err != nil {
		return blob.File{}, err
	}
	switch a.OwnerKind {
	case "post":
		if _, err := s.post(ctx, s.db.R, a.OwnerID); err != nil {
			return blob.File{}, apperr.NotFoundf("attachment", id)
		}
	case "report":
		if _, err := s.readableReport(ctx, s.db.R, a.OwnerID); err != nil {
			return blob.File{}, apperr.NotFoundf("attachment", id)
		}
	}
	return blob.File{Key: a.FileKey, Name: a.FileName, ContentType: a.ContentType, SHA256: a.SHA256, ModTime: a.CreatedAt}, nil
}

// DeleteAttachment removes a file from a post or report; check decides
// whether the caller may change the owner. Errors: not_found, invalid.
func (s *Service) DeleteAttachment(ctx context.Context, id int64) error {
	var a Attachment
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if a, err = s.attachment(ctx, tx, id); err != nil {
			return err
		}
		switch a.OwnerKind {
		case "post":
			err = s.canEditPost(ctx, tx, a.OwnerID)
		case "report":
			err = s.canEditReport(ctx, tx, a.OwnerID)
		}
		if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*Attachment)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete attachment")
		}
		trail.Change(ctx, "learning.attachment", id, a, nil)
		return nil
	})
	if err == nil {
		s.deleteFiles(ctx, a.FileKey)
	}
	return err
}
