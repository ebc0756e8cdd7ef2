// Command importbench measures `ecomops import orders` against the engines'
// own bulk loaders on the same file, in one run (issue 3 item 10):
//
//	go build -o /tmp/ecomops ./cmd/ecomops
//	go run ./internal/sales/importbench -bin /tmp/ecomops -rows 1000000 [-postgres DSN] [-rss-rows 5000000]
//
// It generates a Taobao classic 订单报表 (GBK, the export's quirks) with the
// project's generator, then for SQLite times a fresh database's import
// against `sqlite3 REF.db .import` of the same file into a plain table, and
// for PostgreSQL (with -postgres or ECOMOPS_TEST_POSTGRES) against
// `psql \copy` into a plain table of 45 text columns. It prints rows/s and
// the ratios; with -rss-rows it also imports a file of that many rows into
// SQLite and prints the importer's peak RSS.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"ecomops/internal/sales/gen"
)

type run struct {
	wall  time.Duration
	rssKB int64
}

func main() {
	bin := flag.String("bin", "ecomops", "the ecomops binary to measure")
	rows := flag.Int("rows", 1_000_000, "orders in the file")
	dir := flag.String("dir", "", "work folder (default: a temporary one, removed after)")
	pg := flag.String("postgres", os.Getenv("ECOMOPS_TEST_POSTGRES"), "PostgreSQL server DSN; empty skips PostgreSQL")
	rssRows := flag.Int("rss-rows", 0, "also import a file of this many rows into SQLite and report peak RSS (e.g. 5000000)")
	flag.Parse()
	work := *dir
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "importbench-"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(work)
	}
	file := filepath.Join(work, fmt.Sprintf("ExportOrderList-%d.csv", *rows))
	t0 := time.Now()
	if err := writeTaobao(file, *rows); err != nil {
		log.Fatal(err)
	}
	st, _ := os.Stat(file)
	fmt.Printf("file: %s, %d rows, %.1f MB, generated in %s\n\n", file, *rows, float64(st.Size())/1e6, time.Since(t0).Round(time.Millisecond))
	fmt.Printf("%-10s %14s %12s %14s %12s %7s %7s %10s\n", "engine", "ecomops (s)", "rows/s", "reference (s)", "rows/s", "ratio", "target", "peak RSS")

	db := filepath.Join(work, "ecomops.db")
	must(exec.Command(*bin, "--db", db, "shop", "add", "--code", "BENCH", "--platform", "taobao", "--name", "bench").Run())
	imp := timed(*bin, "--db", db, "import", "orders", "--shop", "BENCH", "--json", file)
	ref := timedStdin(fmt.Sprintf(".mode csv\n.import %s t\n", file), "sqlite3", filepath.Join(work, "ref.db"))
	report("sqlite", *rows, imp, ref, 0.8)

	if *pg != "" {
		benchPostgres(*bin, *pg, file, *rows)
	}
	if *rssRows > 0 {
		big := filepath.Join(work, fmt.Sprintf("ExportOrderList-%d.csv", *rssRows))
		must(writeTaobao(big, *rssRows))
		os.Remove(file)
		db2 := filepath.Join(work, "rss.db")
		must(exec.Command(*bin, "--db", db2, "shop", "add", "--code", "BENCH", "--platform", "taobao", "--name", "bench").Run())
		r := timed(*bin, "--db", db2, "import", "orders", "--shop", "BENCH", "--json", big)
		fmt.Printf("\nRSS: importing %d rows into SQLite took %s (%.0f rows/s), peak RSS %d MB (target < 300 MB)\n",
			*rssRows, r.wall.Round(time.Millisecond), float64(*rssRows)/r.wall.Seconds(), r.rssKB/1024)
	}
}

func benchPostgres(bin, dsn, file string, rows int) {
	name := fmt.Sprintf("importbench_%d", time.Now().UnixNano())
	must(exec.Command("psql", dsn, "-qc", "CREATE DATABASE "+name).Run())
	defer exec.Command("psql", dsn, "-qc", "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)").Run()
	u, err := url.Parse(dsn)
	must(err)
	u.Path = "/" + name
	target := u.String()
	must(exec.Command(bin, "--db", target, "shop", "add", "--code", "BENCH", "--platform", "taobao", "--name", "bench").Run())
	cols := make([]string, len(gen.TaobaoOrderHeader))
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d text", i)
	}
	must(exec.Command("psql", target, "-qc", "CREATE TABLE bench_ref ("+strings.Join(cols, ", ")+")").Run())
	imp := timed(bin, "--db", target, "import", "orders", "--shop", "BENCH", "--json", file)
	ref := timed("psql", target, "-qc", fmt.Sprintf(`\copy bench_ref FROM '%s' WITH (FORMAT csv, HEADER true, ENCODING 'GBK')`, file))
	report("postgres", rows, imp, ref, 0.7)
}

func report(engine string, rows int, imp, ref run, target float64) {
	a, b := float64(rows)/imp.wall.Seconds(), float64(rows)/ref.wall.Seconds()
	fmt.Printf("%-10s %14.2f %12.0f %14.2f %12.0f %7.2f %7.2f %8d MB\n", engine, imp.wall.Seconds(), a, ref.wall.Seconds(), b, a/b, target, imp.rssKB/1024)
}

func writeTaobao(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	loc := time.FixedZone("CST", 8*3600)
	from := time.Date(2025, 12, 1, 0, 0, 0, 0, loc)
	err = gen.WriteTaobao(w, nil, gen.Generate(gen.Config{Seed: 20261101, Platform: "taobao", Orders: n, From: from, To: from.AddDate(1, 0, 0),
		Loc: loc, Weight: gen.Seasonality}))
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func timed(name string, args ...string) run { return timedStdin("", name, args...) }

// timedStdin runs a command and returns its wall time and peak RSS; a
// failing command stops the benchmark with its output.
func timedStdin(stdin, name string, args ...string) run {
	cmd := exec.Command(name, args...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(t0)
	if err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return run{wall: wall, rssKB: rss}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
