#!/usr/bin/env bash
# Paging benchmark against the running local stack (./sentinel up), loopback only: gives tenant demo TASKS more tasks
# (RED tier changes straight on Kafka), then reads every task of the tenant back through GET /api/v1/tasks, ROUNDS
# times in the default order (with total) and in the sync order (sort=updatedAt, includeTotal=false); removes the run's
# customers afterwards. Usage: bench/task-paging.sh [TASKS=100000] [LIMIT=500] [ROUNDS=3]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/bench-env.sh"
ready 8083 intervention
exec java -Xmx512m -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.TaskPaging "$KEY" "${1:-100000}" "${2:-500}" "${3:-3}"
