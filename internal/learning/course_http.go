package learning

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"ecomops/internal/platform/api"
	"ecomops/internal/platform/blob"
	"ecomops/internal/platform/xlsx"
)

// CourseInput is the writable part of a course.
type CourseInput struct {
	Code             string          `json:"code" minLength:"1" maxLength:"32"`
	Title            string          `json:"title" minLength:"1" maxLength:"200"`
	Category         string          `json:"category" enum:"basics,professional,marketing,customer_service,management,other"`
	Summary          string          `json:"summary,omitempty" maxLength:"2000"`
	Outline          string          `json:"outline,omitempty" maxLength:"20000"`
	Methods          []string        `json:"methods,omitempty" maxItems:"5"`
	DurationMinutes  int             `json:"duration_minutes,omitempty" minimum:"0" maximum:"100000"`
	HoursTenths      int64           `json:"hours_tenths,omitempty" minimum:"0" maximum:"10000" doc:"学时 in tenths: 15 = 1.5 学时"`
	Audience         string          `json:"audience,omitempty" maxLength:"500"`
	CompletionRule   string          `json:"completion_rule,omitempty" enum:"all_materials,min_share,exam"`
	CompletionMinPct int             `json:"completion_min_pct,omitempty" minimum:"0" maximum:"100"`
	Status           string          `json:"status,omitempty" enum:"draft,published,archived"`
	PlanItemID       *int64          `json:"plan_item_id,omitempty"`
	Lecturers        []LecturerRefIn `json:"lecturers,omitempty" maxItems:"20"`
	Version          int             `json:"version,omitempty" doc:"required on update"`
}

// LecturerRefIn names a lecturer: employee_id or lecturer_id.
type LecturerRefIn struct {
	EmployeeID *int64 `json:"employee_id,omitempty"`
	LecturerID *int64 `json:"lecturer_id,omitempty"`
}

func (in CourseInput) model() Course {
	c := Course{Code: in.Code, Title: in.Title, Category: in.Category, Summary: in.Summary, Outline: in.Outline, Methods: in.Methods,
		DurationMinutes: in.DurationMinutes, HoursTenths: in.HoursTenths, Audience: in.Audience, CompletionRule: in.CompletionRule,
		CompletionMinPct: in.CompletionMinPct, Status: in.Status, PlanItemID: in.PlanItemID, Version: in.Version, Lecturers: []CourseLecturer{}}
	for _, l := range in.Lecturers {
		c.Lecturers = append(c.Lecturers, CourseLecturer{EmployeeID: l.EmployeeID, LecturerID: l.LecturerID})
	}
	return c
}

// MaterialForm is the multipart form of a material upload.
type MaterialForm struct {
	File            huma.FormFile `form:"file" required:"true" doc:"the document, slides, video or image"`
	Title           string        `form:"title" maxLength:"200" required:"false" doc:"defaults to the file name"`
	Kind            string        `form:"kind" required:"true" enum:"document,slides,video,image"`
	DurationSeconds int           `form:"duration_seconds" minimum:"0" required:"false" doc:"videos: only needed when the file does not tell"`
	MinSeconds      int           `form:"min_seconds" minimum:"0" required:"false" doc:"documents: minimum open time; 0 = the setting"`
	Required        bool          `form:"required" required:"false" doc:"counts towards completion"`
	Sort            int           `form:"sort" required:"false"`
}

// MaterialInput changes a material's details (JSON).
type MaterialInput struct {
	Title           string `json:"title" maxLength:"200"`
	Kind            string `json:"kind" enum:"document,slides,video,image"`
	DurationSeconds int    `json:"duration_seconds,omitempty" minimum:"0"`
	MinSeconds      int    `json:"min_seconds,omitempty" minimum:"0"`
	Required        bool   `json:"required"`
	Sort            int    `json:"sort,omitempty"`
	Version         int    `json:"version"`
}

// ReplaceForm uploads a new file for a material.
type ReplaceForm struct {
	File    huma.FormFile `form:"file" required:"true"`
	Version int           `form:"version" required:"true"`
}

// AssignCourseInput puts an audience on a course.
type AssignCourseInput struct {
	Audience Audience `json:"audience"`
	DueOn    string   `json:"due_on,omitempty" doc:"YYYY-MM-DD"`
}

func (s *Service) courseRoutes(a huma.API) {
	api.Register(a, op("course.list", http.MethodGet, "/courses", "Course catalogue", 0),
		"learning:course:read", func(ctx context.Context, in *CourseFilter) (*api.ListOutput[Course], error) {
			items, n, err := s.ListCourses(ctx, *in)
			return api.NewList(items, n), err
		})
	api.Register(a, op("course.export", http.MethodGet, "/courses/export", "", 0),
		"learning:course:read", func(ctx context.Context, in *CourseFilter) (*api.FileOutput, error) {
			f := *in
			f.Page = f.ForExport()
			items, _, err := s.ListCourses(ctx, f)
			if err != nil {
				return nil, err
			}
			t := xlsx.Table{Sheet: "courses", Headers: []string{"编码 Code", "课程 Title", "类别 Category", "学时 Hours", "时长(分钟) Minutes",
				"方式 Methods", "对象 Audience", "讲师 Lecturers", "资料数 Materials", "学员数 Learners", "状态 Status"}}
			for _, c := range items {
				names := ""
				for i, l := range c.Lecturers {
					if i > 0 {
						names += "、"
					}
					names += l.Name
				}
				t.Rows = append(t.Rows, []any{c.Code, c.Title, c.Category, FormatHours(c.HoursTenths), c.DurationMinutes, csv(c.Methods),
					c.Audience, names, c.MaterialCount, c.LearnerCount, c.Status})
			}
			return api.XLSXFile("courses", t)
		})
	api.Register(a, op("course.get", http.MethodGet, "/courses/{id}", "A course with lecturers and materials", 0),
		"learning:course:read", func(ctx context.Context, in *IDPath) (*body[Course], error) {
			return out(s.Course(ctx, in.ID))
		})
	api.Register(a, op("course.create", http.MethodPost, "/courses", "", 201),
		"learning:course:update", func(ctx context.Context, in *body[CourseInput]) (*body[Course], error) {
			return out(s.CreateCourse(ctx, in.Body.model()))
		})
	api.Register(a, op("course.update", http.MethodPut, "/courses/{id}", "", 0),
		"learning:course:update", func(ctx context.Context, in *struct {
			IDPath
			Body CourseInput
		}) (*body[Course], error) {
			return out(s.UpdateCourse(ctx, in.ID, in.Body.model()))
		})
	api.Register(a, op("course.delete", http.MethodDelete, "/courses/{id}", "Delete a course nobody took (else archive it)", 204),
		"learning:course:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteCourse(ctx, in.ID)
		})
	api.Register(a, op("course.assign", http.MethodPost, "/courses/{id}/learners", "Assign the course to people, departments, positions", 0),
		"learning:course:update", func(ctx context.Context, in *struct {
			IDPath
			Body AssignCourseInput
		}) (*body[AssignResult], error) {
			return out(s.AssignCourse(ctx, in.ID, in.Body.Audience, in.Body.DueOn))
		})
	api.Register(a, op("course.unassign", http.MethodDelete, "/courses/{id}/learners/{employee_id}", "", 204),
		"learning:course:update", func(ctx context.Context, in *struct {
			IDPath
			EmployeeID int64 `path:"employee_id"`
		}) (*struct{}, error) {
			return nil, s.RemoveLearner(ctx, in.ID, in.EmployeeID)
		})

	api.Register(a, uploadOp(a, op("material.upload", http.MethodPost, "/courses/{id}/materials",
		"Upload a material (multipart); type checked by content, size by kind", 201), s.MaxUpload),
		"learning:course:update", func(ctx context.Context, in *struct {
			IDPath
			RawBody huma.MultipartFormFiles[MaterialForm]
		}) (*body[Material], error) {
			f := in.RawBody.Data()
			defer f.File.Close()
			return out(s.AddMaterial(ctx, in.ID, MaterialMeta{Title: f.Title, Kind: f.Kind, DurationSeconds: f.DurationSeconds,
				MinSeconds: f.MinSeconds, Required: f.Required, Sort: f.Sort}, f.File, f.File.Filename))
		})
	api.Register(a, op("material.update", http.MethodPut, "/materials/{id}", "", 0),
		"learning:course:update", func(ctx context.Context, in *struct {
			IDPath
			Body MaterialInput
		}) (*body[Material], error) {
			b := in.Body
			return out(s.UpdateMaterial(ctx, in.ID, MaterialMeta{Title: b.Title, Kind: b.Kind, DurationSeconds: b.DurationSeconds,
				MinSeconds: b.MinSeconds, Required: b.Required, Sort: b.Sort, Version: b.Version}, nil, ""))
		})
	api.Register(a, uploadOp(a, op("material.replace", http.MethodPost, "/materials/{id}/file", "Replace a material's file (multipart)", 0), s.MaxUpload),
		"learning:course:update", func(ctx context.Context, in *struct {
			IDPath
			RawBody huma.MultipartFormFiles[ReplaceForm]
		}) (*body[Material], error) {
			f := in.RawBody.Data()
			defer f.File.Close()
			cur, err := s.material(ctx, s.db.R, in.ID)
			if err != nil {
				return nil, err
			}
			return out(s.UpdateMaterial(ctx, in.ID, MaterialMeta{Title: cur.Title, Kind: cur.Kind, MinSeconds: cur.MinSeconds, Required: cur.Required,
				Sort: cur.Sort, Version: f.Version}, f.File, f.File.Filename))
		})
	api.Register(a, op("material.delete", http.MethodDelete, "/materials/{id}", "", 204),
		"learning:course:update", func(ctx context.Context, in *IDPath) (*struct{}, error) {
			return nil, s.DeleteMaterial(ctx, in.ID)
		})
	api.Register(a, op("material.content", http.MethodGet, "/materials/{id}/content",
		"The material's file: inline (PDF, images, video with Range) or ?download=true as an attachment", 0),
		"learning:session:attend", func(ctx context.Context, in *ContentQuery) (*huma.StreamResponse, error) {
			f, err := s.MaterialFile(ctx, in.ID)
			if err != nil {
				return nil, err
			}
			return &huma.StreamResponse{Body: blob.Stream(s.files, f, !in.Download)}, nil
		})
}
