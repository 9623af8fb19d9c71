#!/usr/bin/env bash
# Catch-up benchmark of intervention-service against the running local stack (./sentinel up), loopback only: puts
# CHANGES tier changes (new customers of tenant demo turning RED) straight on Kafka as scoring would and measures how
# fast intervention turns them into tasks (each queues an e-mail too), until its consumer group has no lag; then removes
# them. Usage: bench/intervention-catchup.sh [CHANGES=30000] [WARM_UP=5000]: WARM_UP changes applied first, unmeasured.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
curl -fsS http://127.0.0.1:8083/q/health/ready >/dev/null || { echo "intervention is not ready: ./sentinel up" >&2; exit 2; }
JAR=$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am)
exec java -Xmx512m -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.InterventionCatchUp "${1:-30000}" "${2:-5000}"
