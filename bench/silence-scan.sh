#!/usr/bin/env bash
# Silence-scan benchmark against the running local stack (./sentinel up), loopback only: puts COUNT customers into
# scoring's table, SILENT_SHARE of them silent beyond twice their rhythm, times POST /api/v1/admin/silence-scan
# through the real service, and removes them again.
# Usage: bench/silence-scan.sh [COUNT=1000000] [SILENT_SHARE=0.02]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/bench-env.sh"
ready 8082 scoring
exec java -Xmx512m -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.SilenceScanLoad "$KEY" "${1:-1000000}" "${2:-0.02}"
