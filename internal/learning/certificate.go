package learning

import (
	"context"
	"time"

	"ecomops/internal/platform/apperr"
)

// Certificate is the data of a printable certificate of completion.
type Certificate struct {
	Code         string    `json:"code" doc:"verification code, XXXX-XXXX-XXXX"`
	EmployeeName string    `json:"employee_name"`
	EmployeeNo   string    `json:"employee_no"`
	Department   string    `json:"department"`
	CourseCode   string    `json:"course_code"`
	CourseTitle  string    `json:"course_title"`
	HoursTenths  int64     `json:"hours_tenths"`
	Hours        string    `json:"hours" doc:"学时 as text, e.g. 1.5"`
	CompletedAt  time.Time `json:"completed_at"`
	CompletedOn  string    `json:"completed_on" doc:"YYYY-MM-DD, company time zone"`
	Company      string    `json:"company"`
	VerifyPath   string    `json:"verify_path" doc:"the UI page that checks the code"`
}

// certificate builds the certificate of a completed course learner.
func (s *Service) certificate(ctx context.Context, cl CourseLearner) (Certificate, error) {
	if cl.CompletedAt == nil || cl.CertificateCode == nil {
		return Certificate{}, apperr.NotFoundf("certificate of course", cl.CourseID)
	}
	c, err := s.course(ctx, s.db.R, cl.CourseID)
	if err != nil {
		return Certificate{}, err
	}
	dir, err := s.directory(ctx)
	if err != nil {
		return Certificate{}, err
	}
	st, err := s.system.Settings(ctx)
	if err != nil {
		return Certificate{}, err
	}
	e := dir.emps[cl.EmployeeID]
	_, dept := dir.dept(cl.EmployeeID)
	return Certificate{Code: *cl.CertificateCode, EmployeeName: dir.name(cl.EmployeeID), EmployeeNo: e.EmployeeNo, Department: dept,
		CourseCode: c.Code, CourseTitle: c.Title, HoursTenths: c.HoursTenths, Hours: FormatHours(c.HoursTenths), CompletedAt: *cl.CompletedAt,
		CompletedOn: cl.CompletedAt.In(s.system.Location(ctx)).Format(time.DateOnly), Company: st.CompanyName,
		VerifyPath: "/learning/certificates/" + *cl.CertificateCode}, nil
}

// MyCertificate returns the caller's certificate of a completed course.
// Errors: not_found (not completed).
func (s *Service) MyCertificate(ctx context.Context, courseID int64) (Certificate, error) {
	emp, err := me(ctx)
	if err != nil {
		return Certificate{}, err
	}
	var cl CourseLearner
	if err := s.db.R.NewSelect().Model(&cl).Where("course_id = ? AND employee_id = ?", courseID, emp).Scan(ctx); err != nil {
		return Certificate{}, apperr.NotFoundf("certificate of course", courseID)
	}
	return s.certificate(ctx, cl)
}

// VerifyCertificate looks a verification code up, so anyone signed in can
// check a printed certificate. Errors: not_found.
func (s *Service) VerifyCertificate(ctx context.Context, code string) (Certificate, error) {
	var cl CourseLearner
	if err := s.db.R.NewSelect().Model(&cl).Where("certificate_code = ?", code).Scan(ctx); err != nil {
		return Certificate{}, apperr.NotFoundf("certificate", code)
	}
	return s.certificate(ctx, cl)
}
