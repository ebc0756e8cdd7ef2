package tabular

import (
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestMillionColumnsFailFast(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header bool // the wide row is the header row, or a data row after it
	}{{"header row", true}, {"data row", false}} {
		t.Run(tc.name, func(t *testing.T) {
			// One row of a million columns (and no line end) after an
			// optional normal header: 2 MB that must not be read whole.
			prefix := "订单编号,订单状态\r\n1,交易成功\r\n"
			if tc.header {
				prefix = ""
			}
			src := &countingReader{r: io.MultiReader(strings.NewReader(prefix),
				&repeatReader{unit: []byte("x,"), left: 1_000_000})}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			rd, err := Open(src, Options{})
			if err == nil {
				_, err = drain(rd)
			}
			runtime.ReadMemStats(&after)
			var e *Error
			if !errors.Is(err, ErrTooManyColumns) || !errors.As(err, &e) || e.Column != 513 {
				t.Fatalf("err = %v", err)
			}
			wantRow := 3
			if tc.header {
				wantRow = 1
			}
			if e.Row != wantRow || err.Error() != "row "+strconv.Itoa(wantRow)+", column 513 (SS): too many columns: more than 512" {
				t.Errorf("message %q", err)
			}
			// The scanner stops within its first buffer or two.
			if src.n > 256<<10 {
				t.Errorf("read %d bytes before failing", src.n)
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 4<<20 {
				t.Errorf("allocated %d bytes", grown)
			}
		})
	}
}

func TestCellAndRowLimits(t *testing.T) {
	long := strings.Repeat("长", 30) // 90 bytes in UTF-8
	for _, tc := range []struct {
		name, data string
		opts       Options
		is         error
		msg        string
	}{
		{"cell", "a,b\r\n1," + long + "\r\n", Options{MaxCellBytes: 64}, ErrCellTooLong,
			"row 2, column 2 (B, b): cell is too long: more than 64 bytes"},
		{"quoted cell never closed", "a,b\r\n1,\"" + strings.Repeat("x\r\n", 100), Options{MaxCellBytes: 64}, ErrCellTooLong,
			"row 2, column 2 (B, b): cell is too long: more than 64 bytes (a quote that is never closed?)"},
		{"doubled quotes count", "a,b\r\n1,\"" + strings.Repeat(`""`, 100) + "\"\r\n", Options{MaxCellBytes: 64}, ErrCellTooLong,
			"row 2, column 2 (B, b): cell is too long"},
		{"row", "a,b\r\n" + strings.Repeat("12345678,", 20) + "\r\n", Options{MaxRowBytes: 100}, ErrRowTooLong,
			"row 2: row is too long: more than 100 bytes"},
		{"columns", "a,b\r\n1,2,3,4\r\n", Options{MaxColumns: 3}, ErrTooManyColumns,
			"row 2, column 4 (D): too many columns: more than 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rd, err := Open(strings.NewReader(tc.data), tc.opts)
			if err == nil {
				_, err = drain(rd)
			}
			if !errors.Is(err, tc.is) || !strings.HasPrefix(err.Error(), tc.msg) {
				t.Errorf("err = %v, want %q", err, tc.msg)
			}
		})
	}
}

// TestHeapStaysFlat reads a generated Taobao export far larger than the
// heap it is allowed, checking the live heap as it goes (not a timing test).
func TestHeapStaysFlat(t *testing.T) {
	n := 300_000 // about 150 MB of GBK text
	if testing.Short() {
		n = 30_000
	}
	src := &countingReader{r: newTaobaoStream(n)}
	rd, err := Open(src, Options{Expect: taobaoExpect})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, uint64(0)
	rows := 0
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows++
		if len(row.Cells) != len(taobaoHeader) {
			t.Fatalf("row %d has %d cells", row.Num, len(row.Cells))
		}
		if rows%20_000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if rows != n {
		t.Fatalf("read %d rows, want %d", rows, n)
	}
	t.Logf("%d rows, %d MB read, live heap %d KB at start, at most %d KB while reading",
		rows, src.n>>20, base>>10, peak>>10)
	if peak > base+8<<20 {
		t.Errorf("live heap grew from %d KB to %d KB", base>>10, peak>>10)
	}
}
