# Sourced by the benchmarks that call the running local stack: sets KEY (the demo key ./sentinel up wrote, or
# SENTINEL_BENCH_KEY) and JAR (the load clients, built when missing), and gives ready PORT NAME, which stops the
# benchmark when that service is not ready. Needs ROOT, the repository's root.
KEY=${SENTINEL_BENCH_KEY:-$(cat "$ROOT/.sentinel/api-key" 2>/dev/null || true)}
[ -n "$KEY" ] || { echo "no API key: ./sentinel up first, or set SENTINEL_BENCH_KEY" >&2; exit 2; }
JAR=$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am)
ready() {
  curl -fsS "http://127.0.0.1:$1/q/health/ready" >/dev/null || { echo "$2 is not ready: ./sentinel up" >&2; exit 2; }
}
