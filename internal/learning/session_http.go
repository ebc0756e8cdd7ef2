package learning

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/blob"
	"ecomops/internal/platform/xlsx"
)

// SessionInput is the writable part of a session.
type SessionInput struct {
	CourseID           *int64    `json:"course_id,omitempty"`
	PlanItemID         *int64    `json:"plan_item_id,omitempty" doc:"the annual-plan item this session delivers"`
	Title              string    `json:"title,omitempty" maxLength:"200" doc:"defaults to the course title"`
	Description        string    `json:"description,omitempty" maxLength:"5000"`
	StartsAt           time.Time `json:"starts_at"`
	EndsAt             time.Time `json:"ends_at"`
	Place              string    `json:"place,omitempty" maxLength:"200"`
	OnlineURL          string    `json:"online_url,omitempty" maxLength:"500"`
	LecturerEmployeeID *int64    `json:"lecturer_employee_id,omitempty"`
	LecturerID         *int64    `json:"lecturer_id,omitempty"`
	Capacity           int       `json:"capacity,omitempty" minimum:"0" maximum:"10000" doc:"0 = unlimited"`
	Waitlist           bool      `json:"waitlist,omitempty"`
	SelfEnrol          bool      `json:"self_enrol,omitempty"`
	WalkIn             bool      `json:"walk_in,omitempty"`
	HoursTenths        int64     `json:"hours_tenths,omitempty" minimum:"0" maximum:"1000" doc:"defaults to the course's hours"`
	Version            int       `json:"version,omitempty" doc:"required on update"`
}

func (in SessionInput) model() Session {
	return Session{CourseID: in.CourseID, PlanItemID: in.PlanItemID, Title: in.Title, Description: in.Description, StartsAt: in.StartsAt,
		EndsAt: in.EndsAt, Place: in.Place, OnlineURL: in.OnlineURL, LecturerEmployeeID: in.LecturerEmployeeID, LecturerID: in.LecturerID,
		Capacity: in.Capacity, Waitlist: in.Waitlist, SelfEnrol: in.SelfEnrol, WalkIn: in.WalkIn, HoursTenths: in.HoursTenths, Version: in.Version}
}

// PostInput is the writable part of a post.
type PostInput struct {
	Title   string `json:"title" minLength:"1" maxLength:"200"`
	Body    string `json:"body" minLength:"1" maxLength:"20000"`
	Version int    `json:"version,omitempty" doc:"required on update"`
}

// FileForm is a single-file multipart upload.
type FileForm struct {
	File huma.FormFile `form:"file" required:"true"`
}

// DecisionInput approves or declines.
type DecisionInput struct {
	Approve bool   `json:"approve"`
	Note    string `json:"note,omitempty" maxLength:"1000"`
}

type sessionPath struct {
	IDPath
	EmployeeID int64 `path:"employee_id"`
}

func (s *Service) sessionRoutes(a huma.API) {
	api.Register(a, op("session.list", http.MethodGet, "/sessions", "Internal training sessions", 0),
		"learning:session:read", func(ctx context.Context, in *SessionFilter) (*api.ListOutput[Session], error) {
			items, n, err := s.ListSessions(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("session.export", http.MethodGet, "/sessions/export", "", 0),
		"learning:session:read", func(ctx context.Context, in *SessionFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListSessions(ctx, f)
			if err != nil {
				return nil, err
			}
			loc := s.system.Location(ctx)
			t := xlsx.Table{Sheet: "sessions", Headers: []string{"ID", "培训 Title", "开始 Starts", "结束 Ends", "地点 Place", "讲师 Lecturer",
				"容量 Capacity", "已报名 Enrolled", "候补 Waitlisted", "出勤 Present", "学时 Hours", "状态 Status"}}
			for _, x := range items {
				t.Rows = append(t.Rows, []any{x.ID, x.Title, x.StartsAt.In(loc).Format("2006-01-02 15:04"), x.EndsAt.In(loc).Format("2006-01-02 15:04"),
					x.Place, x.LecturerName, x.Capacity, x.Enrolled, x.Waitlisted, x.Present, FormatHours(x.HoursTenths), x.Status})
			}
			return api.XLSXFile("sessions", t)
		})
	api.Register(a, op("session.get", http.MethodGet, "/sessions/{id}", "", 0),
		"learning:session:read", func(ctx context.Context, in *IDPath) (*body[Session], error) {
			return out(s.Session(ctx, in.ID))
		})
	api.Register(a, op("session.create", http.MethodPost, "/sessions", "Schedule a session (from a plan item or ad hoc)", 201),
		"learning:session:manage", func(ctx context.Context, in *body[SessionInput]) (*body[Session], error) {
			return out(s.CreateSession(ctx, in.Body.model()))
		})
	api.Register(a, op("session.update", http.MethodPut, "/sessions/{id}", "", 0),
		"learning:session:manage", func(ctx context.Context, in *struct {
			IDPath
			Body SessionInput
		}) (*body[Session], error) {
			return out(s.UpdateSession(ctx, in.ID, in.Body.model()))
		})
	api.Register(a, op("session.cancel", http.MethodPost, "/sessions/{id}/cancel", "Call a session off; participants are told", 0),
		"learning:session:manage", func(ctx context.Context, in *struct {
			IDPath
			Body struct {
				Reason string `json:"reason,omitempty" maxLength:"500"`
			}
		}) (*body[Session], error) {
			return out(s.CancelSession(ctx, in.ID, in.Body.Reason))
		})
	api.Register(a, op("session.complete", http.MethodPost, "/sessions/{id}/complete", "Close attendance after the end; marks the plan item delivered", 0),
		"learning:session:manage", func(ctx context.Context, in *IDPath) (*body[Session], error) {
			return out(s.CompleteSession(ctx, in.ID))
		})

	api.Register(a, op("enrolment.list", http.MethodGet, "/sessions/{id}/enrolments", "Participants in your data scope", 0),
		"learning:session:read", func(ctx context.Context, in *struct {
			IDPath
			EnrolmentFilter
		}) (*api.ListOutput[Enrolment], error) {
			items, n, err := s.ListEnrolments(ctx, in.ID, in.EnrolmentFilter)
			return api.NewList(items, n), err
		})
	api.Register(a, op("enrolment.export", http.MethodGet, "/sessions/{id}/enrolments/export", "", 0),
		"learning:session:read", func(ctx context.Context, in *struct {
			IDPath
			EnrolmentFilter
		}) (*api.FileOutput, error) {
			f := in.EnrolmentFilter
			f.Page = f.ForExport()
			items, _, err := s.ListEnrolments(ctx, in.ID, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "attendance", Headers: []string{"姓名 Name", "部门 Department", "来源 Source", "状态 Status", "出勤 Attendance", "签到时间 Checked in", "方式 Method"}}
			for _, e := range items {
				var at any
				if e.CheckedInAt != nil {
					at = e.CheckedInAt.In(s.system.Location(ctx)).Format("2006-01-02 15:04")
				}
				t.Rows = append(t.Rows, []any{e.EmployeeName, e.DepartmentName, e.Source, e.Status, e.Attendance, at, e.CheckinMethod})
			}
			return api.XLSXFile("attendance", t)
		})
	api.Register(a, op("enrolment.assign", http.MethodPost, "/sessions/{id}/enrolments", "Enrol people, departments, positions (all or nothing)", 0),
		"learning:session:manage", func(ctx context.Context, in *struct {
			IDPath
			Body struct {
				Audience Audience `json:"audience"`
			}
		}) (*body[EnrolResult], error) {
			return out(s.AssignSession(ctx, in.ID, in.Body.Audience))
		})
	api.Register(a, op("enrolment.decide", http.MethodPost, "/enrolments/{id}/decision", "Approve or decline a self-enrolment request", 0),
		"learning:session:manage", func(ctx context.Context, in *struct {
			IDPath
			Body DecisionInput
		}) (*body[Enrolment], error) {
			return out(s.DecideEnrolment(ctx, in.ID, in.Body.Approve, in.Body.Note))
		})
	api.Register(a, op("enrolment.remove", http.MethodDelete, "/sessions/{id}/enrolments/{employee_id}", "Take someone out; the waitlist moves up", 204),
		"learning:session:manage", func(ctx context.Context, in *sessionPath) (*struct{}, error) {
			return nil, s.RemoveParticipant(ctx, in.ID, in.EmployeeID)
		})
	api.Register(a, op("attendance.rollcall", http.MethodPut, "/sessions/{id}/attendance", "The lecturer's roll call", 0),
		"learning:session:manage", func(ctx context.Context, in *struct {
			IDPath
			Body struct {
				Items []RollCallItem `json:"items" minItems:"1" maxItems:"2000"`
			}
		}) (*api.ListOutput[Enrolment], error) {
			items, err := s.RollCall(ctx, in.ID, in.Body.Items)
			return api.NewList(items, len(items)), err
		})

	api.Register(a, op("post.list", http.MethodGet, "/sessions/{id}/posts", "Knowledge-sharing posts of a session", 0),
		"learning:session:attend", func(ctx context.Context, in *IDPath) (*api.ListOutput[Post], error) {
			items, err := s.ListPosts(ctx, in.ID)
			return api.NewList(items, len(items)), err
		})
	api.Register(a, op("post.create", http.MethodPost, "/sessions/{id}/posts", "Share a post (lecturer, participants, managers)", 201),
		"learning:session:attend", func(ctx context.Context, in *struct {
			IDPath
			Body PostInput
		}) (*body[Post], error) {
			return out(s.CreatePost(ctx, in.ID, Post{Title: in.Body.Title, Body: in.Body.Body}))
		})
	api.Register(a, op("post.update", http.MethodPut, "/posts/{id}", "", 0),
		"learning:session:attend", func(ctx context.Context, in *struct {
			IDPath
			Body PostInput
		}) (*body[Post], error) {
			return out(s.UpdatePost(ctx, in.ID, Post{Title: in.Body.Title, Body: in.Body.Body, Version: in.Body.Version}))
		})
	api.Register(a, op("post.delete", http.MethodDelete, "/posts/{id}", "", 204),
		"learning:session:attend", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeletePost(ctx, in.ID)
		})
	api.Register(a, uploadOp(a, op("post.attach", http.MethodPost, "/posts/{id}/attachments", "Add a file to one's post (multipart)", 201), s.attachmentLimit),
		"learning:session:attend", func(ctx context.Context, in *struct {
			IDPath
			RawBody huma.MultipartFormFiles[FileForm]
		}) (*body[Attachment], error) {
			f := in.RawBody.Data()
			defer f.File.Close()
			return out(s.AttachToPost(ctx, in.ID, f.File, f.File.Filename))
		})
	api.Register(a, op("attachment.content", http.MethodGet, "/attachments/{id}/content", "A post or report file", 0),
		"learning:session:attend", func(ctx context.Context, in *ContentQuery) (*huma.StreamResponse, error) {
			f, err := s.AttachmentFile(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			return &huma.StreamResponse{Body: blob.Stream(s.files, f, !in.Download)}, nil
		})
	api.Register(a, op("attachment.delete", http.MethodDelete, "/attachments/{id}", "", 204),
		"learning:session:attend", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteAttachment(ctx, in.ID)
		})
}

// checkinInput carries the token and the origin the trainer's screen uses.
type checkinCodeInput struct {
	IDPath
	origin string
}

// Resolve captures the request's scheme and host for the QR code's URL.
func (i *checkinCodeInput) Resolve(ctx huma.Context) []error {
	i.origin = originOf(ctx)
	return nil
}

// TokenPath is the {token} of a scanned check-in code.
type TokenPath struct {
	Token string `path:"token" maxLength:"64"`
}

func (s *Service) checkinRoutes(a huma.API) {
	api.Register(a, op("checkin.code", http.MethodGet, "/sessions/{id}/checkin-code",
		"The current check-in QR code for the room screen; fetch again after refresh_after_seconds", 0),
		"learning:session:manage", func(ctx context.Context, in *checkinCodeInput) (*body[CheckinCode], error) {
			return out(s.CheckinCode(ctx, in.ID, in.origin))
		})
	api.Register(a, op("checkin.view", http.MethodGet, "/checkin/{token}", "The phone page after a scan: the session and whether you can check in", 0),
		"learning:session:attend", func(ctx context.Context, in *TokenPath) (*body[CheckinView], error) {
			return out(s.CheckinSummary(ctx, in.Token))
		})
	api.Register(a, op("checkin.post", http.MethodPost, "/checkin/{token}", "Check in as the signed-in learner", 0),
		"learning:session:attend", func(ctx context.Context, in *TokenPath) (*body[CheckinView], error) {
			return out(s.CheckIn(ctx, in.Token))
		})
}
