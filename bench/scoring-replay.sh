#!/usr/bin/env bash
# Replay benchmark of scoring-service against the running local stack (./sentinel up), loopback only: puts COUNT
# ingest records on Kafka (FEEDBACK_SHARE of them Chinese feedback analysed by text-signal over gRPC) and measures
# how fast scoring applies them. Usage: bench/scoring-replay.sh [COUNT=50000] [CUSTOMERS=5000] [FEEDBACK_SHARE=0.1]
# [WARM_UP=0]: WARM_UP records replayed first and not measured (a freshly started JVM compiles its hot code during its
# first few hundred thousand records, and runs at half speed meanwhile).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
curl -fsS http://127.0.0.1:8082/q/health/ready >/dev/null || { echo "scoring is not ready: ./sentinel up" >&2; exit 2; }
JAR=$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am)
exec java -Xmx512m -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.ScoringReplay "${1:-50000}" "${2:-5000}" "${3:-0.1}" "${4:-0}"
