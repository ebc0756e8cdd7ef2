#!/usr/bin/env bash
# KPI benchmarks of internal/metrics (issue 3, item 10); figures in docs/BENCHMARKS.md under
# "KPI queries and rollup maintenance".
#  - KPI query (totals + per-day series) and the dashboard for random periods of 1-730 days over
#    10M orders, p50/p95/max, beside the same figures computed with GROUP BY on the orders table;
#  - top SKUs of the same periods;
#  - rollup maintenance: the real Taobao importer with and without the rollup hook.
# The first run generates the 10M-order SQLite database in ${ECOMOPS_BENCH_DIR:-$TMPDIR/ecomops-bench}
# (multi-row INSERTs, then `kpi rebuild`; about 6 GB) and later runs reuse it.
# ECOMOPS_BENCH_ORDERS / ECOMOPS_BENCH_IMPORT_ORDERS change the sizes; with ECOMOPS_TEST_POSTGRES set
# the PostgreSQL variants run too.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='KPIQuery$|Dashboard$|TopSKUs$'
overhead='RollupOverhead$'
if [ -n "${ECOMOPS_TEST_POSTGRES:-}" ]; then
	pattern='KPIQuery|Dashboard|TopSKUs'
	overhead='RollupOverhead'
fi
go test -v ./internal/metrics -run '^$' -bench "$pattern" -benchtime 200x -timeout 0
go test -v ./internal/metrics -run '^$' -bench "$overhead" -benchtime 1x -timeout 0
