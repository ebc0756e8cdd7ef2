package learning

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
	"ecomops/internal/platform/db"
	"ecomops/internal/platform/trail"
)

// Post is a knowledge-sharing post attached to a session (知识分享): notes,
// takeaways and files from the people who took part or taught.
type Post struct {
	bun.BaseModel `bun:"table:learning_posts,alias:po"`
	ID            int64        `bun:"id,pk,autoincrement" json:"id"`
	SessionID     int64        `bun:"session_id" json:"session_id"`
	EmployeeID    *int64       `bun:"employee_id" json:"employee_id"`
	UserID        int64        `bun:"user_id" json:"-"`
	AuthorName    string       `bun:"author_name" json:"author_name"`
	Title         string       `bun:"title" json:"title"`
	Body          string       `bun:"body" json:"body"`
	Version       int          `bun:"version" json:"version"`
	CreatedAt     time.Time    `bun:"created_at" json:"created_at"`
	UpdatedAt     time.Time    `bun:"updated_at" json:"updated_at"`
	Attachments   []Attachment `bun:"-" json:"attachments"`
	Mine          bool         `bun:"-" json:"mine" doc:"the caller wrote it (may edit)"`
}

// ListPosts returns a session's posts, newest first, with their files.
// Errors: not_found (session).
func (s *Service) ListPosts(ctx context.Context, sessionID int64) ([]Post, error) {
	if _, err := s.session(ctx, s.db.R, sessionID); err != nil {
		return nil, err
	}
	var items []Post
	if err := s.db.R.NewSelect().Model(&items).Where("po.session_id = ?", sessionID).OrderExpr("po.created_at DESC, po.id DESC").Scan(ctx); err != nil {
		return nil, apperr.Wrap(err, "list posts")
	}
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	files, err := s.attachments(ctx, s.db.R, "post", ids...)
	if err != nil {
		return nil, err
	}
	uid := userID(ctx)
	for i := range items {
		items[i].Attachments = files[items[i].ID]
		if items[i].Attachments == nil {
			items[i].Attachments = []Attachment{}
		}
		items[i].Mine = items[i].UserID == uid
	}
	if items == nil {
		items = []Post{}
	}
	return items, nil
}

func (s *Service) post(ctx context.Context, idb bun.IDB, id int64) (Post, error) {
	var p Post
	err := idb.NewSelect().Model(&p).Where("po.id = ?", id).Scan(ctx)
	return p, db.NotFound(err, "post", id)
}

// canPost: the session's lecturer, its enrolled people, or a session manager.
func (s *Service) canPost(ctx context.Context, tx bun.IDB, x Session) error {
	p := auth.From(ctx)
	if p.Can("learning:session:manage") {
		return nil
	}
	if p != nil && p.EmployeeID != 0 {
		if x.LecturerEmployeeID != nil && *x.LecturerEmployeeID == p.EmployeeID {
			return nil
		}
		if e, ok, err := s.enrolment(ctx, tx, x.ID, p.EmployeeID); err != nil {
			return err
		} else if ok && e.Status == "enrolled" {
			return nil
		}
	}
	return apperr.Refuse(apperr.Invalid, apperr.Because("post_not_member", nil), "only the lecturer and people enrolled in the session can share posts here")
}

// canEditPost: its author or a session manager.
func (s *Service) canEditPost(ctx context.Context, tx bun.IDB, id int64) error {
	po, err := s.post(ctx, tx, id)
	if err != nil {
		return err
	}
	if p := auth.From(ctx); p.Can("learning:session:manage") || (p != nil && p.UserID == po.UserID) {
		return nil
	}
	return apperr.Refuse(apperr.Invalid, apperr.Because("post_not_author", nil), "only the author can change this post")
}

func validatePost(p *Post) error {
	var v apperr.Validation
	p.Title = required(&v, "body.title", p.Title)
	p.Body = required(&v, "body.body", p.Body)
	return v.Err()
}

// CreatePost shares a post on a session. Errors: not_found, invalid.
func (s *Service) CreatePost(ctx context.Context, sessionID int64, p Post) (Post, error) {
	if err := validatePost(&p); err != nil {
		return p, err
	}
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		x, err := s.session(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if err := s.canPost(ctx, tx, x); err != nil {
			return err
		}
		pr := auth.From(ctx)
		now := s.now()
		p.ID, p.SessionID, p.UserID, p.EmployeeID, p.AuthorName, p.Version, p.CreatedAt, p.UpdatedAt = 0, sessionID, userID(ctx), nil, "", 1, now, now
		if pr != nil {
			p.AuthorName = pr.Name
			if pr.EmployeeID != 0 {
				p.EmployeeID = &pr.EmployeeID
			}
		}
		if _, err := tx.NewInsert().Model(&p).Returning("id").Exec(ctx); err != nil {
			return apperr.Wrap(err, "create post")
		}
		trail.Change(ctx, "learning.post", p.ID, nil, p)
		return nil
	})
	p.Attachments, p.Mine = []Attachment{}, true
	return p, err
}

// UpdatePost changes a post's text. Errors: not_found, invalid, conflict.
func (s *Service) UpdatePost(ctx context.Context, id int64, p Post) (Post, error) {
	if err := validatePost(&p); err != nil {
		return p, err
	}
	var out Post
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.post(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.canEditPost(ctx, tx, id); err != nil {
			return err
		}
		p.UpdatedAt = s.now()
		if err := db.UpdateVersioned(ctx, tx, &p, "post", id, p.Version, "title", "body", "updated_at"); err != nil {
			return err
		}
		if out, err = s.post(ctx, tx, id); err != nil {
			return err
		}
		trail.Change(ctx, "learning.post", id, cur, out)
		return nil
	})
	return out, err
}

// DeletePost removes a post and its files. Errors: not_found, invalid.
func (s *Service) DeletePost(ctx context.Context, id int64) error {
	var keys []string
	err := s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		cur, err := s.post(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.canEditPost(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.NewSelect().Model((*Attachment)(nil)).Column("file_key").Where("owner_kind = 'post' AND owner_id = ?", id).Scan(ctx, &keys); err != nil {
			return apperr.Wrap(err, "list post files")
		}
		if _, err := tx.NewDelete().Model((*Attachment)(nil)).Where("owner_kind = 'post' AND owner_id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete post files")
		}
		if _, err := tx.NewDelete().Model((*Post)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return apperr.Wrap(err, "delete post")
		}
		trail.Change(ctx, "learning.post", id, cur, nil)
		return nil
	})
	if err == nil {
		s.deleteFiles(ctx, keys...)
	}
	return err
}

// AttachToPost adds a file to one's post. Errors: not_found, invalid.
func (s *Service) AttachToPost(ctx context.Context, postID int64, r io.Reader, name string) (Attachment, error) {
	return s.addAttachment(ctx, "post", postID, r, strings.TrimSpace(name), func(ctx context.Context, tx bun.IDB) error {
		return s.canEditPost(ctx, tx, postID)
	})
}
