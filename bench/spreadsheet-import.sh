#!/usr/bin/env bash
# Spreadsheet-import benchmark against the running local stack (./sentinel up), loopback only: writes a CSV of ROWS
# feedback rows (Chinese headers, CUSTOMERS customers, a year of history, no externalId: each row's id comes from the
# file and its row number), imports it with ./sentinel import, and prints rows/s as the job measured it (created →
# finished, upload included) and the most heap ingestion-service used meanwhile (its /q/metrics, read every second).
# Then imports the same file again: every row a duplicate. The rows stay (feedback is never deleted).
# Usage: bench/spreadsheet-import.sh [ROWS=1000000] [CUSTOMERS=100000]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/bench-env.sh"
ready 8081 ingestion
ROWS=${1:-1000000}
CUSTOMERS=${2:-100000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"; kill "${WATCH:-0}" 2>/dev/null || true' EXIT
FILE=$DIR/feedback.csv
RUN=bench-import-$(date +%s)

awk -v rows="$ROWS" -v customers="$CUSTOMERS" -v run="$RUN" 'BEGIN {
  srand(42)
  split("服务很好，师傅很专业|空调滤芯换了还是有异味，感觉被忽悠了|价格有点贵，考虑换一家|等了两个小时才修好|合同到期我们就解约，不想再续了", texts, "|")
  print "客户编号,内容,时间,满意度"
  for (i = 0; i < rows; i++) {
    day = int(rand() * 365); t = 1767225600 + day * 86400 + int(rand() * 86400)   # 2026-01-01 UTC + up to a year
    printf "%s-%d,%s,%s,%d\n", run, i % customers, texts[1 + int(rand() * 5)], strftime("%Y-%m-%d %H:%M:%S", t, 1), 1 + int(rand() * 10)
  }
}' > "$FILE"
echo "wrote $ROWS rows ($(( $(stat -c %s "$FILE") / 1048576 )) MiB) for $CUSTOMERS customers"

heap() {
  curl -fsS http://127.0.0.1:8081/q/metrics | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%d", sum }'
}
MAX_HEAP=$DIR/max-heap
echo 0 > "$MAX_HEAP"
( while true; do h=$(heap || echo 0); [ "$h" -gt "$(cat "$MAX_HEAP")" ] && echo "$h" > "$MAX_HEAP"; sleep 1; done ) &
WATCH=$!

MAPPING='{"customerId": "客户编号", "text": "内容", "occurredAt": "时间", "satisfaction": "满意度", "channel": "=SURVEY"}'
for round in first again; do
  started=$(date +%s%N)
  SENTINEL_DEMO_KEY=$KEY "$ROOT/sentinel" import "$FILE" --type feedback --mapping "$MAPPING" | tail -1
  seconds=$(awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  echo "$round: $ROWS rows in $seconds s = $(awk -v r="$ROWS" -v s="$seconds" 'BEGIN { printf "%d", r / s }') rows/s" \
    "(upload, validation, storage and outbox; the ingestion log line 'import … rows/s' times the job alone)"
done
kill "$WATCH" 2>/dev/null || true
echo "ingestion heap: at most $(( $(cat "$MAX_HEAP") / 1048576 )) MiB used (sampled each second)"
