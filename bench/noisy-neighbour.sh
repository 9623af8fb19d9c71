#!/usr/bin/env bash
# Does one tenant's flood slow another tenant down? Against the running local stack (./sentinel up), loopback only.
# Usage: bench/noisy-neighbour.sh QUIET_KEY NOISY_KEY [SECONDS=20] [QUIET_PER_SECOND=20] [NOISY_CONCURRENCY=32]
# The two keys must belong to two tenants, e.g. started with
#   SENTINEL_API_KEYS="k-quiet-1:quiet:ingest,k-noisy-1:noisy:ingest" SENTINEL_RATE_LIMIT_PER_SECOND=100 ./sentinel up
# Prints the quiet tenant's latency (from when each request was due) alone and beside the noisy one, and what the
# noisy tenant got: accepted (202) and refused (429) per second. Start without SENTINEL_RATE_LIMIT_PER_SECOND to see
# the same load unlimited.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 2 ] || { sed -n 3,4p "$0" >&2; exit 2; }
curl -fsS http://127.0.0.1:8081/q/health/ready >/dev/null || { echo "ingestion is not ready: ./sentinel up" >&2; exit 2; }
JAR=$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am)
exec java -Xmx512m -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.NoisyNeighbour "$@"
