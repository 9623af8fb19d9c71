#!/usr/bin/env bash
# Load benchmark of ingestion against the running local stack (./sentinel up), loopback only, bounded in time.
# Usage: bench/ingest-load.sh [SECONDS=20] [SINGLE_CONCURRENCY=32] [BATCH_CONCURRENCY=2] [WARM_UP_SECONDS=60]
# Prints throughput and latency percentiles for single items and batches, and the same rows written straight
# into PostgreSQL with multi-row INSERTs in the same run. Note: the load also flows on through Kafka, scoring,
# text-signal and intervention, all on this machine's cores.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/bench-env.sh"
ready 8081 ingestion
exec java -Xmx1g -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.IngestLoad "$KEY" "${1:-20}" "${2:-32}" "${3:-2}" "${4:-60}"
