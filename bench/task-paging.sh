#!/usr/bin/env bash
# Paging benchmark against the running local stack (./sentinel up), loopback only: gives tenant demo TASKS more tasks
# (RED tier changes straight on Kafka), then reads every task of the tenant back through GET /api/v1/tasks, ROUNDS
# times in the default order (with total) and in the sync order (sort=updatedAt, includeTotal=false); removes the run's
# customers afterwards. Usage: bench/task-paging.sh [TASKS=100000] [LIMIT=500] [ROUNDS=3]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
curl -fsS http://127.0.0.1:8083/q/health/ready >/dev/null || { echo "intervention is not ready: ./sentinel up" >&2; exit 2; }
KEY=${SENTINEL_BENCH_KEY:-$(cat "$ROOT/.sentinel/api-key" 2>/dev/null || true)}
[ -n "$KEY" ] || { echo "no API key: ./sentinel up first, or set SENTINEL_BENCH_KEY" >&2; exit 2; }
JAR=$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am)
exec java -Xmx512m -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.TaskPaging "$KEY" "${1:-100000}" "${2:-500}" "${3:-3}"
