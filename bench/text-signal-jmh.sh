#!/usr/bin/env bash
# JMH benchmark of the in-process text analysis (lexicon, negation, emotions, aspects, sentiment model) over real
# review texts of 50-150 characters read from $SENTINEL_BENCH_DATA (README, Benchmarks); 1 and 2 threads, then latency percentiles.
# Usage: bench/text-signal-jmh.sh [SECONDS_PER_ITERATION=2] [one-thread]   (about 1 minute at the default; one-thread:
# only the one-thread throughput, as one line)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests install -pl bench -am)
exec java -Xmx300m -Dsentinel.bench.data="${SENTINEL_BENCH_DATA:?set SENTINEL_BENCH_DATA to the folder of review texts (README, Benchmarks)}" \
  -cp "$JAR:$ROOT/bench/target/lib/*" dev.churnsentinel.bench.textsignal.TextSignalJmh "${1:-2}" ${2:+"$2"}
