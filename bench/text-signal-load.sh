#!/usr/bin/env bash
# gRPC load of text-signal-service, loopback only, bounded in time. Starts its own text-signal-service from the
# built jar (port 18484, -Xmx300m, full JIT) unless TEXT_SIGNAL=HOST:PORT points at a running one, then: streams
# (as fast as the service answers) and unary calls at a fixed rate; prints throughput, latency percentiles, heap.
# With taskset and 2+ cores, the service is pinned to core 1 and the client to core 0, so the stream figure is the
# service's throughput on one core, comparable with the JMH figure per core (PIN=0 turns it off); pinned, the JMH
# benchmark's one-thread throughput is first measured on core 1 too, and the streaming phases are printed as a share
# of it, and of the mean of it and a second measure after the load (INPROCESS=0 leaves that out).
# Usage: bench/text-signal-load.sh [SECONDS=15] [STREAMS=4] [RATE=1000]
set -euo pipefail
: "${SENTINEL_BENCH_DATA:?set SENTINEL_BENCH_DATA to the folder of review texts (README, Benchmarks)}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar
APP=$ROOT/text-signal-service/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] && [ -f "$APP" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests install -pl bench -am)
TARGET=${TEXT_SIGNAL:-}
PID=
SERVER_CPU=()
CLIENT_CPU=()
if [ "${PIN:-1}" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  SERVER_CPU=(taskset -c 1)
  CLIENT_CPU=(taskset -c 0)
fi
IN_PROCESS=
# JMH's one-thread throughput of the in-process analysis on the service's core, in texts/s
in_process() {
  "${SERVER_CPU[@]}" "$ROOT/bench/text-signal-jmh.sh" 2 one-thread | awk '/^in-process texts\/s:/ {print $3}'
}
if [ ${#SERVER_CPU[@]} -gt 0 ] && [ "${INPROCESS:-1}" = 1 ]; then
  echo "in-process analysis on core 1 (JMH, one thread)..."
  IN_PROCESS=$(in_process)
  echo "in-process: $IN_PROCESS texts/s"
fi
if [ -z "$TARGET" ]; then
  PORT=18484
  LOG=$ROOT/bench/target/text-signal-load.log
  "${SERVER_CPU[@]}" java -Xms300m -Xmx300m -Dquarkus.http.port=$PORT -Dquarkus.profile=local \
    -Dsentinel.api-keys=k-bench:bench:read -Dquarkus.otel.sdk.disabled=true -jar "$APP" > "$LOG" 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
    kill -0 $PID 2>/dev/null || { echo "text-signal-service did not start:"; tail -20 "$LOG"; exit 1; }
    sleep 0.5
  done
  TARGET=127.0.0.1:$PORT
  echo "text-signal-service (pid $PID, -Xmx300m${SERVER_CPU:+, pinned to core 1}) ready on $TARGET"
fi
OUT=$(mktemp)
"${CLIENT_CPU[@]}" java -Xmx512m -Dsentinel.bench.in-process="$IN_PROCESS" -Dsentinel.bench.data="${SENTINEL_BENCH_DATA:?set SENTINEL_BENCH_DATA to the folder of review texts (README, Benchmarks)}" \
  -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.textsignal.TextSignalLoad "$TARGET" "${1:-15}" "${2:-4}" "${3:-1000}" | tee "$OUT"
if [ -n "$IN_PROCESS" ]; then
  # the core's speed drifts between minutes on a shared machine: measured again after the load, the share is also
  # given against the mean of the two
  AFTER=$(in_process)
  awk -F'|' -v before="$IN_PROCESS" -v after="$AFTER" '$2 ~ /AnalyzeBatches/ {batches = $4 + 0} $2 ~ /AnalyzeStream/ {stream = $4 + 0}
    END { mean = (before + after) / 2; printf "in-process after the load: %.0f texts/s (before: %.0f); against their mean %.0f: AnalyzeStream %.0f %%, AnalyzeBatches %.0f %%\n",
      after, before, mean, 100 * stream / mean, 100 * batches / mean }' "$OUT"
fi
rm -f "$OUT"
HTTP=${TARGET%:*}:${TARGET#*:}
curl -fsS "http://$HTTP/q/metrics" 2>/dev/null | awk '/^jvm_memory_used_bytes\{area="heap"/ {used += $NF}
  /^jvm_memory_max_bytes\{area="heap"/ && $NF > 0 {max += $NF}
  END { if (used > 0) printf "service heap after the load: %.0f MB used of %.0f MB max\n", used / 1048576, max / 1048576 }'
