#!/usr/bin/env bash
# Order import benchmark of internal/sales (issue 3, item 10); figures in docs/BENCHMARKS.md under
# "Order import". Generates a 1M-row Taobao classic CSV with the project's generator and imports it
# with `ecomops import orders` beside `sqlite3 .import` (and `psql \copy` when
# ECOMOPS_TEST_POSTGRES is set) of the same file, printing rows/s and the ratio; then the peak RSS of
# importing a 5M-row file. ECOMOPS_BENCH_ROWS / ECOMOPS_BENCH_RSS_ROWS change the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=bin/ecomops
[ -x "$bin" ] || go build -o "$bin" ./cmd/ecomops
command -v sqlite3 >/dev/null || { echo "install Debian sqlite3 for the reference (apt-get install sqlite3)"; exit 1; }
go run ./internal/sales/importbench -bin "$bin" -rows "${ECOMOPS_BENCH_ROWS:-1000000}" \
	-postgres "${ECOMOPS_TEST_POSTGRES:-}" -rss-rows "${ECOMOPS_BENCH_RSS_ROWS:-5000000}"
