#!/usr/bin/env bash
# Alert storm through the running local stack (./sentinel up), loopback only, bounded in time: RATE POST /feedback a
# second for SECONDS, open-loop (each sent on schedule, answered or not), each for a new customer who says they cancel,
# so each makes a RED customer, a RESCUE task and an e-mail; with PROFILES=true each customer's profile (one of 50
# senior managers) is PUT first. Prints the send rate, HTTP latency, feedback → task latency, customers with no task or
# more than one, and the backlog once a second (outbox, consumer lags, e-mails waiting); removes the run's customers.
# Usage: bench/alert-storm.sh [RATE=1000] [SECONDS=60] [PROFILES=false]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/bench-env.sh"
for port in 8081 8082 8083; do
  ready "$port" "the service on :$port"
done
# the client shares the cores with the services it measures: C1 only and the serial collector keep most of its own
# JIT compiling and collecting off them
exec java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.AlertStorm "$KEY" "${1:-1000}" "${2:-60}" "${3:-false}"
