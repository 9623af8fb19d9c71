#!/usr/bin/env bash
# Load benchmark of ingestion against the running local stack (./sentinel up), loopback only, bounded in time.
# Usage: bench/ingest-load.sh [SECONDS=20] [SINGLE_CONCURRENCY=32] [BATCH_CONCURRENCY=2] [WARM_UP_SECONDS=60]
# Prints throughput and latency percentiles for single items and batches, and the same rows written straight
# into PostgreSQL with multi-row INSERTs in the same run. Note: the load also flows on through Kafka, scoring,
# text-signal and intervention, all on this machine's cores.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEY=${SENTINEL_BENCH_KEY:-$(cat "$ROOT/.sentinel/api-key" 2>/dev/null || true)}
[ -n "$KEY" ] || { echo "no API key: ./sentinel up first, or set SENTINEL_BENCH_KEY" >&2; exit 2; }
curl -fsS http://127.0.0.1:8081/q/health/ready >/dev/null || { echo "ingestion is not ready: ./sentinel up" >&2; exit 2; }
JAR=$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am)
exec java -Xmx1g -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.IngestLoad "$KEY" "${1:-20}" "${2:-32}" "${3:-2}" "${4:-60}"
