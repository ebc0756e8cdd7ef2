package tabular

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const benchRows = 200_000

var benchData = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	if _, err := io.Copy(&b, newTaobaoStream(benchRows)); err != nil {
		panic(err)
	}
	return b.Bytes()
})

// BenchmarkReadCSV reads a generated 200k-row Taobao-like GBK export and
// reports rows/s and MB/s. Compare with BenchmarkReadCSVStdlib, measured in
// the same run: go test -run '^$' -bench ReadCSV ./internal/platform/tabular/
func BenchmarkReadCSV(b *testing.B) {
	data := benchData()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rd, err := Open(bytes.NewReader(data), Options{Expect: taobaoExpect})
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for {
			_, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		if rows != benchRows {
			b.Fatalf("%d rows", rows)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadCSVStdlib is the reference: encoding/csv (LazyQuotes) over
// x/text's GBK decoding reader, which does less (no header search, no
// limits, no encoding detection).
func BenchmarkReadCSVStdlib(b *testing.B) {
	data := benchData()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cr := csv.NewReader(simplifiedchinese.GBK.NewDecoder().Reader(bytes.NewReader(data)))
		cr.LazyQuotes, cr.FieldsPerRecord = true, -1
		rows := -1 // the header
		for {
			_, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		if rows != benchRows {
			b.Fatalf("%d rows", rows)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestBigFile reads a generated GBK export of TABULAR_BIG_ROWS rows (for
// example 5000000, about 1.6 GB) and logs throughput and the peak heap. It
// is skipped unless the variable is set: TABULAR_BIG_ROWS=5000000 go test
// -run TestBigFile -v ./internal/platform/tabular/
func TestBigFile(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("TABULAR_BIG_ROWS"))
	if n <= 0 {
		t.Skip("set TABULAR_BIG_ROWS to run")
	}
	path := t.TempDir() + "/ExportOrderList202611120000.csv"
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, newTaobaoStream(n)); err != nil {
		t.Fatal(err)
	}
	size, _ := f.Seek(0, io.SeekEnd)
	_ = f.Close()

	var peak uint64
	done := make(chan struct{})
	go func() { // sample the heap while reading
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
	}()
	start := time.Now()
	rd, err := OpenFile(path, Options{Expect: taobaoExpect})
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for ; err == nil; rows++ {
		_, err = rd.Next()
	}
	elapsed := time.Since(start)
	close(done)
	_ = rd.Close()
	if err != io.EOF || rows-1 != n {
		t.Fatalf("%d rows, %v", rows-1, err)
	}
	t.Logf("%d rows, %d MB in %v: %.0f rows/s, %.0f MB/s; peak heap in use %d MB",
		n, size>>20, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(),
		float64(size)/1e6/elapsed.Seconds(), peak>>20)
}

// taobaoXLSX writes an n-row Taobao-like workbook (inline strings, as
// excelize's stream writer makes them) to a temporary file.
func taobaoXLSX(tb testing.TB, n int) string {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	toAny := func(cells []string) []any {
		out := make([]any, len(cells))
		for i, c := range cells {
			out[i] = c
		}
		return out
	}
	must(tb, sw.SetRow("A1", toAny(taobaoHeader)))
	for i := 1; i <= n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(tb, sw.SetRow(cell, toAny(taobaoRow(i))))
	}
	must(tb, sw.Flush())
	path := tb.TempDir() + "/orders.xlsx"
	must(tb, f.SaveAs(path))
	return path
}

// BenchmarkReadXLSX reads a 20k-row workbook: excelize's streaming row
// iterator (encoding/xml) sets the pace, far below CSV.
func BenchmarkReadXLSX(b *testing.B) {
	const n = 20_000
	path := taobaoXLSX(b, n)
	for b.Loop() {
		rd, err := OpenFile(path, Options{Expect: taobaoExpect})
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for ; err == nil; rows++ {
			_, err = rd.Next()
		}
		_ = rd.Close()
		if err != io.EOF || rows-1 != n {
			b.Fatalf("%d rows, %v", rows-1, err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestHeapStaysFlatXLSX is TestHeapStaysFlat for a workbook.
func TestHeapStaysFlatXLSX(t *testing.T) {
	n := 10_000
	if testing.Short() {
		n = 1_000
	}
	path := taobaoXLSX(t, n)
	rd, err := OpenFile(path, Options{Expect: taobaoExpect})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak, rows := ms.HeapAlloc, uint64(0), 0
	for ; err == nil; rows++ {
		if _, err = rd.Next(); rows%1000 == 999 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if err != io.EOF || rows-1 != n {
		t.Fatalf("%d rows, %v", rows-1, err)
	}
	t.Logf("%d rows; live heap %d KB after Open, at most %d KB while reading", n, base>>10, peak>>10)
	if peak > base+8<<20 {
		t.Errorf("live heap grew from %d KB to %d KB", base>>10, peak>>10)
	}
}
