#!/usr/bin/env bash
# Exam autosave load benchmark of internal/assessment (issue 5, item 8); figures in
# docs/BENCHMARKS.md under "Exam autosave under load".
# 500 learners x 50 questions with autosave against a real `ecomops serve` on 127.0.0.1, on a
# fresh SQLite file, then (with ECOMOPS_TEST_POSTGRES set) on a fresh PostgreSQL database created
# and dropped on that server. Each run prints the p99 autosave latency beside its reference (one
# learner alone, same run) and fails when an acknowledged answer is lost or misattributed.
# ECOMOPS_BENCH_LEARNERS / ECOMOPS_BENCH_QUESTIONS change the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=bin/ecomops
[ -x "$bin" ] || go build -o "$bin" ./cmd/ecomops
args=(-bin "$bin" -learners "${ECOMOPS_BENCH_LEARNERS:-500}" -questions "${ECOMOPS_BENCH_QUESTIONS:-50}")
status=0
go run ./cmd/examload "${args[@]}" || status=$?
if [ -n "${ECOMOPS_TEST_POSTGRES:-}" ]; then
	go run ./cmd/examload "${args[@]}" -db "$ECOMOPS_TEST_POSTGRES" || status=$?
fi
exit "$status"
