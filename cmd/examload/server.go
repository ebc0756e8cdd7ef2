package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"ecomops/internal/platform/db"
)

// environment is the run's work directory, binary and database.
type environment struct {
	kind, dsn, bin, work, log string
	cleanup                   func()
}

// prepare makes the work directory, the binary and a fresh database.
func prepare(ctx context.Context, o *options) (*environment, error) {
	env := &environment{kind: "sqlite", work: o.work}
	var undo []func()
	env.cleanup = func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	if env.work != "" {
		if err := os.MkdirAll(env.work, 0o750); err != nil {
			return nil, err
		}
	} else {
		dir, err := os.MkdirTemp("", "examload-")
		if err != nil {
			return nil, err
		}
		env.work = dir
		if !o.keep {
			undo = append(undo, func() { os.RemoveAll(dir) })
		}
	}
	env.log = filepath.Join(env.work, "server.log")
	env.bin = o.bin
	if env.bin == "" {
		env.bin = filepath.Join(env.work, "ecomops")
		build := exec.CommandContext(ctx, "go", "build", "-o", env.bin, "./cmd/ecomops")
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			env.cleanup()
			return nil, fmt.Errorf("go build ./cmd/ecomops (run from the repository root, or give -bin): %w", err)
		}
	}
	if o.db == "sqlite" {
		env.dsn = filepath.Join(env.work, "exam.db")
		return env, nil
	}
	if kind, _ := db.Parse(o.db); kind != db.Postgres {
		env.cleanup()
		return nil, errors.New("-db is sqlite or a postgres:// DSN")
	}
	admin, err := db.Open(o.db)
	if err != nil {
		env.cleanup()
		return nil, err
	}
	name := fmt.Sprintf("examload_%d", time.Now().Unix())
	if _, err := admin.W.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		env.cleanup()
		return nil, fmt.Errorf("create database %s: %w", name, err)
	}
	if !o.keep {
		undo = append(undo, func() {
			admin.W.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			admin.Close()
		})
	}
	u, err := url.Parse(o.db)
	if err != nil {
		env.cleanup()
		return nil, err
	}
	u.Path = "/" + name
	env.kind, env.dsn = "postgres", u.String()
	return env, nil
}

// server is the running `ecomops serve`.
type server struct {
	cmd  *exec.Cmd
	base string
	done chan error
}

var servingRE = regexp.MustCompile(`serving on (http://127\.0\.0\.1:\d+)`)

// startServer runs `ecomops serve` on a free loopback port and waits until
// it answers /readyz.
func startServer(ctx context.Context, env *environment) (*server, error) {
	logf, err := os.Create(env.log)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(env.bin, "--db", env.dsn, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "ECOMOPS_FILES="+filepath.Join(env.work, "files"))
	cmd.Stderr = logf
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, done: make(chan error, 1)}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			fmt.Fprintln(logf, sc.Text())
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	go func() { s.done <- cmd.Wait(); logf.Close() }()
	select {
	case s.base = <-found:
	case err := <-s.done:
		return nil, fmt.Errorf("the server exited: %v (see %s)", err, env.log)
	case <-time.After(60 * time.Second):
		s.stop()
		return nil, errors.New("the server did not start within 60 s")
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
	for i := 0; i < 100; i++ {
		if res, err := http.Get(s.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, errors.New("the server is not ready")
}

// stop asks the server to shut down (SIGINT: requests in flight finish)
// and waits for it; after 30 s it is killed.
func (s *server) stop() error {
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		return err
	}
	select {
	case err := <-s.done:
		if err != nil && !strings.Contains(err.Error(), "interrupt") {
			return err
		}
		return nil
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		return errors.New("the server did not stop within 30 s and was killed")
	}
}

// cpuSeconds is the CPU time (user + system) the server process has used,
// from /proc (Linux); 0 when unavailable.
func (s *server) cpuSeconds() float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// fields after the command name (which may hold spaces) start after ")"
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	var utime, stime float64
	fmt.Sscan(f[11], &utime)
	fmt.Sscan(f[12], &stime)
	return (utime + stime) / 100 // USER_HZ is 100 on Linux
}

// loadAverage is the machine's 1-minute load average, for the record.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}
