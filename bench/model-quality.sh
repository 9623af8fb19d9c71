#!/usr/bin/env bash
# Backtest benchmark against the running local stack (./sentinel up), loopback only: writes CUSTOMERS customers with
# two years of history each into scoring's signal log (tenant demo, ids bench-quality-*), times GET
# /api/v1/model-quality and its 12-month trend through the service (two rounds), prints scoring's heap, and removes them.
# Usage: bench/model-quality.sh [CUSTOMERS=100000]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/bench-env.sh"
ready 8082 scoring
java -Xmx512m -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.ModelQualityLoad "$KEY" "${1:-100000}"
curl -fsS http://127.0.0.1:8082/q/metrics 2>/dev/null | awk '/^jvm_memory_used_bytes\{area="heap"/ {used += $NF}
  /^jvm_memory_max_bytes\{area="heap"/ && $NF > 0 {max += $NF}
  END { if (used > 0) printf "scoring heap after the backtests: %.0f MB used of %.0f MB max\n", used / 1048576, max / 1048576 }'
