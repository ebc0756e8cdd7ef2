package sales

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/tabular"
)

// InputFile is a file given to an import: where it is and the name the user
// knows it by (the upload's name; the path's base name on the CLI).
type InputFile struct {
	Path string `json:"-"`
	Name string `json:"name"`
}

// FileInfo is what detection found in one file (or one sheet of a workbook).
type FileInfo struct {
	Name      string   `json:"name"`
	Sheet     string   `json:"sheet,omitempty"`
	Kind      string   `json:"kind" doc:"layout, e.g. taobao_orders, taobao_items, qianniu_orders, jd_orders"`
	Preset    string   `json:"preset" enum:"taobao,jd,pdd,douyin,generic"`
	Title     string   `json:"title" doc:"the report as the platform calls it"`
	Format    string   `json:"format" enum:"csv,xlsx"`
	Encoding  string   `json:"encoding"`
	HeaderRow int      `json:"header_row"`
	Header    []string `json:"header"`
	Ignored   []string `json:"ignored,omitempty" doc:"header columns the preset does not read"`

	path string
	lay  *layout
	idx  []int
}

// candidates returns the layouts a --format value allows.
func candidates(format string, m *Mapping) ([]*layout, error) {
	switch format {
	case "", FormatAuto:
		return builtinLayouts(), nil
	case FormatTaobao, FormatTmall:
		return []*layout{taobaoOrders, taobaoItems, qianniuOrders, qianniuItems}, nil
	case FormatJD:
		return []*layout{jdOrders}, nil
	case FormatPDD:
		return []*layout{pddOrders}, nil
	case FormatDouyin:
		return []*layout{douyinOrders}, nil
	case FormatGeneric:
		if m == nil {
			return nil, apperr.Reject("mapping", apperr.Required(), "the generic format needs a column mapping (--mapping FILE or a saved template)")
		}
		if err := m.Validate(); err != nil {
			return nil, err
		}
		return []*layout{genericLayout(*m)}, nil
	}
	return nil, apperr.Reject("format", apperr.OneOf(Formats...), "unknown format %q; formats: %s", format, strings.Join(Formats, ", "))
}

// scoreFor rates a header row by the best number of columns any layout finds in it.
func scoreFor(lays []*layout) func([]string) int {
	return func(cells []string) int {
		best := 0
		for _, l := range lays {
			if _, n, _ := l.match(cells); n > best {
				best = n
			}
		}
		return best
	}
}

var zipMagic = []byte("PK\x03\x04")

func isXLSX(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	return bytes.Equal(head[:n], zipMagic)
}

// sheetsOf lists a workbook's sheets ("" for a CSV file: one table).
func sheetsOf(path string) ([]string, error) {
	if !isXLSX(path) {
		return []string{""}, nil
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", tabular.ErrXLSX, err)
	}
	defer f.Close()
	return f.GetSheetList(), nil
}

// Detect reads the header of each file (each sheet of a workbook) and
// decides its layout among those format allows. A file of another preset
// than the one asked for fails naming what it is; a file missing required
// columns fails naming the preset and the headers it expects.
func Detect(files []InputFile, format string, m *Mapping) ([]FileInfo, error) {
	want, err := candidates(format, m)
	if err != nil {
		return nil, err
	}
	all := want
	if format != FormatGeneric {
		all = builtinLayouts()
	}
	var out []FileInfo
	for _, in := range files {
		sheets, err := sheetsOf(in.Path)
		if err != nil {
			return nil, fileError(in.Name, err)
		}
		found := 0
		var firstErr error
		for _, sheet := range sheets {
			fi, err := detectOne(in, sheet, want, all, format)
			if err != nil {
				if sheet != "" && len(sheets) > 1 && (errors.Is(err, tabular.ErrNoHeader) || errors.Is(err, tabular.ErrEmpty) || errors.Is(err, errOtherLayout)) {
					if firstErr == nil {
						firstErr = err
					}
					continue // another sheet of the workbook (e.g. a notes sheet)
				}
				return nil, err
			}
			out = append(out, fi)
			found++
		}
		if found == 0 {
			if firstErr == nil {
				firstErr = fileError(in.Name, tabular.ErrEmpty)
			}
			return nil, firstErr
		}
	}
	return out, nil
}

var errOtherLayout = errors.New("file has another layout")

func detectOne(in InputFile, sheet string, want, all []*layout, format string) (FileInfo, error) {
	rd, err := tabular.OpenFile(in.Path, tabular.Options{Score: scoreFor(all), Sheet: sheet})
	if err != nil {
		return FileInfo{}, fileError(in.Name, err)
	}
	defer rd.Close()
	header := rd.Header()
	fi := FileInfo{Name: in.Name, Sheet: rd.Sheet(), Format: rd.Format(), Encoding: rd.Encoding(), HeaderRow: rd.HeaderRow(), Header: header, path: in.Path}
	var best *layout
	var bestIdx []int
	bestN := 0
	for _, l := range want {
		idx, n, missing := l.match(header)
		if len(missing) == 0 && n > bestN {
			best, bestIdx, bestN = l, idx, n
		}
	}
	if best == nil {
		return fi, mismatchError(in, fi, header, want, all, format)
	}
	fi.lay, fi.idx, fi.Kind, fi.Preset, fi.Title = best, bestIdx, best.kind, best.preset, best.title
	used := map[int]bool{}
	for _, i := range bestIdx {
		used[i] = true
	}
	for i, h := range header {
		if !used[i] && h != "" {
			fi.Ignored = append(fi.Ignored, h)
		}
	}
	return fi, nil
}

// mismatchError explains why no allowed layout fits: the file is another
// preset's export, or the closest layout misses required columns.
func mismatchError(in InputFile, fi FileInfo, header []string, want, all []*layout, format string) error {
	where := in.Name
	if fi.Sheet != "" {
		where += " (sheet " + fi.Sheet + ")"
	}
	for _, l := range all {
		if _, _, missing := l.match(header); len(missing) == 0 {
			var names []string
			for _, w := range want {
				names = append(names, w.title+" ["+w.expectedHeaders()+"]")
			}
			e := apperr.Reject("files", apperr.Because("other_layout", apperr.P{"name": where, "title": l.title, "preset": l.preset, "format": format}),
				"%s is a %s file (preset %s), not a %s export; expected headers: %s", where, l.title, l.preset, format, strings.Join(names, " or "))
			e.Cause = errOtherLayout
			return e
		}
	}
	var closest *layout
	var missing []string
	bestN := -1
	for _, l := range want {
		if _, n, miss := l.match(header); n > bestN {
			closest, missing, bestN = l, miss, n
		}
	}
	return apperr.Reject("files", apperr.Because("missing_columns", apperr.P{"row": fi.HeaderRow, "columns": missing, "name": where, "preset": closest.preset, "title": closest.title}),
		"%s: header on row %d does not fit preset %s (%s): missing required columns %s; expected headers: %s",
		where, fi.HeaderRow, closest.preset, closest.title, strings.Join(missing, ", "), closest.expectedHeaders())
}

// fileError names the file in a reader error.
func fileError(name string, err error) error {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, tabular.ErrNoHeader) || errors.Is(err, tabular.ErrEmpty) || errors.Is(err, tabular.ErrLegacyXLS) ||
		errors.Is(err, tabular.ErrNotTabular) || errors.Is(err, tabular.ErrEncoding) || errors.Is(err, tabular.ErrTooManyColumns) ||
		errors.Is(err, tabular.ErrCellTooLong) || errors.Is(err, tabular.ErrRowTooLong) || errors.Is(err, tabular.ErrUnclosedQuote) ||
		errors.Is(err, tabular.ErrXLSX) {
		r := tabular.Reason(err)
		r.Params = maps.Clone(r.Params)
		if r.Params == nil {
			r.Params = apperr.P{}
		}
		r.Params["name"] = name
		e := apperr.Reject("files", r, "%s: %v", name, err)
		e.Cause = err
		return e
	}
	if errors.Is(err, os.ErrNotExist) {
		return apperr.Reject("files", apperr.Because("file_unreadable", apperr.P{"name": name}), "%s: file not found", name)
	}
	return apperr.Wrap(err, "read %s", name)
}

// hashingReader counts and hashes what passes through it.
type hashingReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func newHashingReader(r io.Reader) *hashingReader { return &hashingReader{r: r, h: sha256.New()} }

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if n > 0 {
		h.h.Write(p[:n])
		h.n += int64(n)
	}
	return n, err
}

// openRows opens a detected file for reading its data rows. A CSV file is
// read through rd so its bytes are counted and hashed as they stream; an
// XLSX is read in place by path.
func openRows(fi FileInfo, rd *hashingReader) (*tabular.Reader, error) {
	opts := tabular.Options{Score: scoreFor([]*layout{fi.lay}), Sheet: fi.Sheet}
	if fi.Format == "xlsx" {
		return tabular.OpenFile(fi.path, opts)
	}
	return tabular.Open(rd, opts)
}

// displayName is the base name of a path.
func displayName(p string) string { return filepath.Base(p) }
