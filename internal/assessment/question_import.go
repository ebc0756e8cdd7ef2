package assessment

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"ecomops/internal/learning"
	"ecomops/internal/platform/api"
	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/tabular"
	"ecomops/internal/training"
)

// The question file's columns: the first name is the template's header,
// the others are accepted too (compared ignoring case and width).
var (
	colCode        = []string{"编码", "code"}
	colKind        = []string{"题型", "type", "kind"}
	colStem        = []string{"题干", "stem", "question"}
	colAnswer      = []string{"答案", "answer", "key"}
	colPoints      = []string{"分值", "points", "score"}
	colDifficulty  = []string{"难度", "difficulty"}
	colCompetency  = []string{"能力", "能力项", "competencies", "competency"}
	colCourse      = []string{"课程", "课程编码", "course"}
	colTags        = []string{"标签", "tags"}
	colExplanation = []string{"解析", "explanation"}
	colRubric      = []string{"评分标准", "rubric"}
	colReference   = []string{"参考答案", "reference answer"}
	optionLetters  = "ABCDEFGH"
)

func colOption(i int) []string {
	l := string(optionLetters[i])
	return []string{"选项" + l, "option " + l, l}
}

// kindNames maps what the Kind column may say to a kind.
var kindNames = map[string]string{
	"单选": KindSingle, "单选题": KindSingle, "single": KindSingle,
	"多选": KindMultiple, "多选题": KindMultiple, "multiple": KindMultiple,
	"判断": KindTrueFalse, "判断题": KindTrueFalse, "truefalse": KindTrueFalse, "true/false": KindTrueFalse,
	"填空": KindFill, "填空题": KindFill, "fill": KindFill,
	"简答": KindShort, "简答题": KindShort, "short": KindShort,
}

var difficultyNames = map[string]string{
	"易": "easy", "简单": "easy", "easy": "easy", "中": "medium", "中等": "medium", "一般": "medium", "medium": "medium",
	"难": "hard", "困难": "hard", "hard": "hard",
}

var trueNames = map[string]bool{
	"对": true, "正确": true, "是": true, "√": true, "true": true, "t": true, "y": true, "yes": true,
	"错": false, "错误": false, "否": false, "×": false, "x": false, "false": false, "f": false, "n": false, "no": false,
}

// MaxImportRows bounds a question file.
const MaxImportRows = 5000

// ImportOptions tune an import.
type ImportOptions struct {
	Name    string
	OnError string // skip (default): import the good rows; abort: nothing when any row is bad
	DryRun  bool   // check only
}

// RowError is a problem with one row of a file.
type RowError struct {
	Row    int            `json:"row" doc:"as the spreadsheet shows it (header row counted)"`
	Column string         `json:"column" doc:"the column's header"`
	Value  string         `json:"value"`
	Reason string         `json:"reason" doc:"in English, for API users"`
	Code   string         `json:"code" doc:"the reason as a code the UI translates (docs/API.md: a field error code or a refusal reason)"`
	Params map[string]any `json:"params,omitempty" doc:"the values the code's sentence names"`
}

// ImportResult tells what an import did (or would do, for a dry run).
type ImportResult struct {
	File      string     `json:"file"`
	Rows      int        `json:"rows"`
	Created   int        `json:"created"`
	Updated   int        `json:"updated" doc:"rows whose code named an existing question and changed it (a new version)"`
	Unchanged int        `json:"unchanged"`
	Rejected  int        `json:"rejected"`
	Aborted   bool       `json:"aborted"`
	DryRun    bool       `json:"dry_run"`
	Errors    []RowError `json:"errors"`
}

type importRow struct {
	num    int
	in     QuestionInput
	values map[string]string // body location -> cell text, for error reports
}

// locColumns names the column behind each validation location.
var locColumns = map[string]string{
	"body.stem": colStem[0], "body.options": "选项", "body.key": colAnswer[0], "body.points": colPoints[0],
	"body.difficulty": colDifficulty[0], "body.competency_ids": colCompetency[0], "body.course_id": colCourse[0],
	"body.tags": colTags[0], "body.rubric": colRubric[0], "body.kind": colKind[0], "body.code": colCode[0],
}

func columnOf(loc string) string {
	for prefix, col := range locColumns {
		if strings.HasPrefix(loc, prefix) {
			return col
		}
	}
	return ""
}

var errImportAborted = errors.New("import aborted")

// ImportQuestions reads a question file (XLSX or CSV, the template's
// columns) and adds its questions; a row whose code names an existing
// question edits it (a new version when something changed). Rows are
// checked like CreateQuestion; bad rows are reported by row and column.
// With on_error=abort nothing is written when any row is bad; a dry run
// writes nothing. Good rows are written in one transaction. Errors (the
// whole file): invalid (unreadable, no header, missing columns, too many
// rows).
func (s *Service) ImportQuestions(ctx context.Context, r io.Reader, opt ImportOptions) (ImportResult, error) {
	if opt.OnError == "" {
		opt.OnError = "skip"
	}
	if opt.OnError != "skip" && opt.OnError != "abort" {
		return ImportResult{}, apperr.Reject("query.on_error", apperr.OneOf("skip", "abort"), "on_error is skip or abort")
	}
	res := ImportResult{File: opt.Name, DryRun: opt.DryRun, Errors: []RowError{}}
	refs, err := s.importRefs(ctx)
	if err != nil {
		return res, err
	}
	rows, err := readQuestionFile(r, refs, &res)
	if err != nil {
		return res, err
	}
	bad := map[int]bool{}
	for _, e := range res.Errors {
		bad[e.Row] = true
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		for _, row := range rows {
			if bad[row.num] {
				continue
			}
			if err := s.importRow(ctx, tx, row, &res); err != nil {
				var ae *apperr.Error
				if !errors.As(err, &ae) || ae.Code != apperr.Invalid {
					return err
				}
				bad[row.num] = true
				for _, f := range ae.Fields {
					res.Errors = append(res.Errors, RowError{Row: row.num, Column: columnOf(f.Location), Value: row.values[f.Location], Reason: f.Message,
						Code: f.Code, Params: f.Params})
				}
				if len(ae.Fields) == 0 {
					code := ae.Reason.Code
					if code == "" {
						code = apperr.CodeInvalid
					}
					res.Errors = append(res.Errors, RowError{Row: row.num, Reason: ae.Message, Code: code, Params: ae.Reason.Params})
				}
			}
		}
		if opt.DryRun || (opt.OnError == "abort" && len(res.Errors) > 0) {
			return errImportAborted
		}
		return nil
	})
	if errors.Is(err, errImportAborted) {
		err = nil
		if opt.OnError == "abort" && len(res.Errors) > 0 {
			res.Aborted, res.Created, res.Updated, res.Unchanged = true, 0, 0, 0
		}
	}
	res.Rejected = len(bad)
	return res, err
}

// importRow writes one row inside the import's transaction. A failure
// inside the transaction must not poison it (PostgreSQL aborts the whole
// transaction on an error), so each row runs in a savepoint.
func (s *Service) importRow(ctx context.Context, tx bun.Tx, row importRow, res *ImportResult) error {
	in := row.in
	if err := s.checkQuestion(ctx, &in); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "SAVEPOINT import_row"); err != nil {
		return apperr.Wrap(err, "savepoint")
	}
	err := s.writeImported(ctx, tx, in, res)
	if err != nil {
		_, _ = tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT import_row")
		return err
	}
	_, err = tx.ExecContext(ctx, "RELEASE SAVEPOINT import_row")
	return apperr.Wrap(err, "release savepoint")
}

func (s *Service) writeImported(ctx context.Context, tx bun.Tx, in QuestionInput, res *ImportResult) error {
	if in.Code != "" {
		var cur Question
		err := tx.NewSelect().Model(&cur).Where("q.code = ?", in.Code).Scan(ctx)
		if err == nil {
			in.Version = cur.Version
			_, changed, err := s.updateQuestion(ctx, tx, cur.ID, in)
			if err != nil {
				return err
			}
			if changed {
				res.Updated++
			} else {
				res.Unchanged++
			}
			return nil
		}
	}
	if _, err := s.createQuestion(ctx, tx, in); err != nil {
		return err
	}
	res.Created++
	return nil
}

// importRefs maps competency and course names to ids for the file reader.
type importRefsT struct {
	competencies map[string][]int64 // by folded name
	courses      map[string]int64   // by folded code
}

func (s *Service) importRefs(ctx context.Context) (importRefsT, error) {
	r := importRefsT{competencies: map[string][]int64{}, courses: map[string]int64{}}
	all := api.Page{Sort: "id"}.ForExport()
	if s.Training != nil {
		cs, _, err := s.Training.ListCompetencies(systemCtx(ctx), training.CompetencyFilter{Page: all})
		if err != nil {
			return r, err
		}
		for _, c := range cs {
			k := normFill(c.Name)
			r.competencies[k] = append(r.competencies[k], c.ID)
		}
	}
	if s.Learning != nil {
		cs, _, err := s.Learning.ListCourses(systemCtx(ctx), learning.CourseFilter{Page: all})
		if err != nil {
			return r, err
		}
		for _, c := range cs {
			r.courses[normFill(c.Code)] = c.ID
		}
	}
	return r, nil
}

// splitCell splits a list cell on commas, 、, ; and line breaks.
func splitCell(s string) []string {
	f := func(r rune) bool { return r == ',' || r == '、' || r == ';' || r == '\n' }
	var out []string
	for _, p := range strings.FieldsFunc(tabular.FoldWidth(s), f) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func fileError(err error) error {
	return apperr.Reject("body.file", tabular.Reason(err), "%s", err.Error())
}

// readQuestionFile parses the rows; problems that need no database go to res.
func readQuestionFile(r io.Reader, refs importRefsT, res *ImportResult) ([]importRow, error) {
	rd, err := tabular.Open(r, tabular.Options{Expect: [][]string{colKind, colStem, colAnswer, colOption(0), colOption(1), colPoints}})
	if err != nil {
		return nil, fileError(err)
	}
	defer rd.Close()
	col := func(names []string) int { return rd.Col(names...) }
	iKind, iStem := col(colKind), col(colStem)
	if iKind < 0 || iStem < 0 {
		return nil, apperr.Reject("body.file", apperr.Because("missing_columns", apperr.P{"row": rd.HeaderRow(), "columns": []string{colKind[0], colStem[0]}}),
			"the header row (row %d) needs the columns %s and %s", rd.HeaderRow(), colKind[0], colStem[0])
	}
	var rows []importRow
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fileError(err)
		}
		if res.Rows++; res.Rows > MaxImportRows {
			return nil, apperr.Reject("body.file", apperr.Because("too_many_rows", apperr.P{"max": MaxImportRows}), "a question file holds at most %d rows", MaxImportRows)
		}
		if out, ok := parseQuestionRow(row, col, refs, res); ok {
			rows = append(rows, out)
		}
	}
	return rows, nil
}

// parseQuestionRow turns one row into an input; false when it has errors
// (recorded in res).
func parseQuestionRow(row tabular.Row, col func([]string) int, refs importRefsT, res *ImportResult) (importRow, bool) {
	val := func(names []string) string { return row.Value(col(names)) }
	ok := true
	fail := func(column, value string, r apperr.Reason, format string, args ...any) {
		res.Errors = append(res.Errors, RowError{Row: row.Num, Column: column, Value: value, Reason: fmt.Sprintf(format, args...), Code: r.Code, Params: r.Params})
		ok = false
	}
	out := importRow{num: row.Num, values: map[string]string{}}
	in := &out.in
	in.Code, in.Stem = val(colCode), val(colStem)
	kindText := val(colKind)
	in.Kind = kindNames[strings.ToLower(tabular.FoldWidth(kindText))]
	if in.Kind == "" {
		fail(colKind[0], kindText, apperr.OneOf("单选", "多选", "判断", "填空", "简答"), "type is one of 单选, 多选, 判断, 填空, 简答 (or single, multiple, truefalse, fill, short)")
	}
	for i := range optionLetters {
		if t := val(colOption(i)); t != "" {
			in.Options = append(in.Options, Option{Key: string(optionLetters[i]), Text: t})
		}
	}
	answer := val(colAnswer)
	switch in.Kind {
	case KindSingle, KindMultiple:
		for _, k := range splitCell(strings.ToUpper(answer)) {
			if len(k) > 1 && strings.Trim(k, optionLetters) == "" { // "ACD"
				for _, c := range k {
					in.Key.Choices = append(in.Key.Choices, string(c))
				}
			} else {
				in.Key.Choices = append(in.Key.Choices, k)
			}
		}
	case KindTrueFalse:
		if b, known := trueNames[strings.ToLower(tabular.FoldWidth(answer))]; known {
			in.Key.True = &b
		} else {
			fail(colAnswer[0], answer, apperr.OneOf("对", "错"), "a true/false answer is 对 or 错 (true or false)")
		}
	case KindFill:
		for _, blank := range strings.Split(tabular.FoldWidth(answer), "||") {
			in.Key.Blanks = append(in.Key.Blanks, strings.Split(blank, "|"))
		}
	}
	out.values["body.key"] = answer
	if p := val(colPoints); p != "" {
		n, err := strconv.Atoi(tabular.FoldWidth(p))
		if err != nil {
			fail(colPoints[0], p, apperr.Because(tabular.CodeNotInteger, nil), "points are a whole number")
		}
		in.Points = n
		out.values["body.points"] = p
	}
	if d := val(colDifficulty); d != "" {
		in.Difficulty = difficultyNames[strings.ToLower(tabular.FoldWidth(d))]
		if in.Difficulty == "" {
			fail(colDifficulty[0], d, apperr.OneOf("易", "中", "难"), "difficulty is 易, 中 or 难 (easy, medium, hard)")
		}
	}
	for _, c := range splitCell(val(colCompetency)) {
		if id, err := strconv.ParseInt(c, 10, 64); err == nil {
			in.CompetencyIDs = append(in.CompetencyIDs, id)
		} else if ids, found := refs.competencies[normFill(c)]; found {
			in.CompetencyIDs = append(in.CompetencyIDs, ids...)
		} else {
			fail(colCompetency[0], c, apperr.Because("unknown_competency", apperr.P{"value": c}), "no competency is named %q", c)
		}
	}
	if c := val(colCourse); c != "" {
		if id, found := refs.courses[normFill(c)]; found {
			in.CourseID = &id
		} else if id, err := strconv.ParseInt(c, 10, 64); err == nil {
			in.CourseID = &id
		} else {
			fail(colCourse[0], c, apperr.Because("unknown_course", apperr.P{"value": c}), "no course has the code %q", c)
		}
	}
	in.Tags = splitCell(val(colTags))
	in.Explanation, in.Rubric, in.ReferenceAnswer = val(colExplanation), val(colRubric), val(colReference)
	out.values["body.stem"], out.values["body.code"], out.values["body.kind"] = in.Stem, in.Code, kindText
	return out, ok
}
