#!/usr/bin/env bash
# Silence-scan benchmark against the running local stack (./sentinel up), loopback only: puts COUNT customers into
# scoring's table, SILENT_SHARE of them silent beyond twice their rhythm, times POST /api/v1/admin/silence-scan
# through the real service, and removes them again.
# Usage: bench/silence-scan.sh [COUNT=1000000] [SILENT_SHARE=0.02]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEY=${SENTINEL_BENCH_KEY:-$(cat "$ROOT/.sentinel/api-key" 2>/dev/null || true)}
[ -n "$KEY" ] || { echo "no API key: ./sentinel up first, or set SENTINEL_BENCH_KEY" >&2; exit 2; }
curl -fsS http://127.0.0.1:8082/q/health/ready >/dev/null || { echo "scoring is not ready: ./sentinel up" >&2; exit 2; }
JAR=$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am)
exec java -Xmx512m -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.SilenceScanLoad "$KEY" "${1:-1000000}" "${2:-0.02}"
