#!/usr/bin/env bash
# Spreadsheet-import benchmark against the running local stack (./sentinel up), loopback only: writes a CSV of ROWS
# feedback rows (Chinese headers, CUSTOMERS customers, a year of history, no externalId: each row's id comes from the
# file and its row number), imports it with ./sentinel import, and prints rows/s as the job measured it (created →
# finished, upload included) and the most heap ingestion-service used meanwhile (its /q/metrics, read every second).
# Then imports the same file again: every row a duplicate. The rows stay (feedback is never deleted).
# With "customers" first: a CSV of ROWS customer profiles instead (a dealer's customer list: Chinese headers, an account
# and a senior manager each), imported as new profiles, again (every profile unchanged: duplicates), then once more with
# every annual value changed (every profile replaced). The profiles stay, under ids of this run.
# Usage: bench/spreadsheet-import.sh [ROWS=1000000] [CUSTOMERS=100000]
#        bench/spreadsheet-import.sh customers [ROWS=100000]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/bench-env.sh"
ready 8081 ingestion
TYPE=feedback
if [ "${1:-}" = customers ]; then
  TYPE=customers
  shift
fi
ROWS=${1:-$([ "$TYPE" = customers ] && echo 100000 || echo 1000000)}
CUSTOMERS=${2:-100000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"; kill "${WATCH:-0}" 2>/dev/null || true' EXIT
FILE=$DIR/$TYPE.csv
RUN=bench-import-$(date +%s)

# ROWS customers of this run, their annual value times FACTOR: the same file again for FACTOR 1, every profile changed for 2
customers() {
  awk -v rows="$ROWS" -v run="$RUN" -v factor="$1" 'BEGIN {
  srand(42)
  split("NEV owner|fleet|family|business", segments, "|"); split("VIP|HIGH|STANDARD|LOW", tiers, "|")
  print "客户编号,客户名称,客户类型,会员等级,年消费,客户经理工号,客户经理,客户经理邮箱,店总工号,店总,店总邮箱"
  for (i = 0; i < rows; i++) {
    am = i % 200; sm = i % 20
    printf "%s-%d,客户%d,%s,%s,%d,am-%d,顾问%d,am-%d@example.com,sm-%d,店总%d,sm-%d@example.com\n", run, i, i,
      segments[1 + i % 4], tiers[1 + int(rand() * 4)], (1000 + int(rand() * 50000)) * factor, am, am, am, sm, sm, sm
  }
}' > "$FILE"
}

if [ "$TYPE" = customers ]; then
  customers 1
else
awk -v rows="$ROWS" -v customers="$CUSTOMERS" -v run="$RUN" 'BEGIN {
  srand(42)
  split("服务很好，师傅很专业|空调滤芯换了还是有异味，感觉被忽悠了|价格有点贵，考虑换一家|等了两个小时才修好|合同到期我们就解约，不想再续了", texts, "|")
  print "客户编号,内容,时间,满意度"
  for (i = 0; i < rows; i++) {
    day = int(rand() * 365); t = 1767225600 + day * 86400 + int(rand() * 86400)   # 2026-01-01 UTC + up to a year
    printf "%s-%d,%s,%s,%d\n", run, i % customers, texts[1 + int(rand() * 5)], strftime("%Y-%m-%d %H:%M:%S", t, 1), 1 + int(rand() * 10)
  }
}' > "$FILE"
fi
echo "wrote $ROWS $TYPE rows ($(( $(stat -c %s "$FILE") / 1048576 )) MiB)"

heap() {
  curl -fsS http://127.0.0.1:8081/q/metrics | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%d", sum }'
}
MAX_HEAP=$DIR/max-heap
echo 0 > "$MAX_HEAP"
( while true; do h=$(heap || echo 0); [ "$h" -gt "$(cat "$MAX_HEAP")" ] && echo "$h" > "$MAX_HEAP"; sleep 1; done ) &
WATCH=$!

MAPPING='{"customerId": "客户编号", "text": "内容", "occurredAt": "时间", "satisfaction": "满意度", "channel": "=SURVEY"}'
ROUNDS="first again"
if [ "$TYPE" = customers ]; then
  MAPPING='{"customerId": "客户编号", "name": "客户名称", "segment": "客户类型", "valueTier": "会员等级", "annualValue": "年消费",
    "currency": "=CNY", "accountManager.id": "客户经理工号", "accountManager.name": "客户经理", "accountManager.email": "客户经理邮箱",
    "seniorManager.id": "店总工号", "seniorManager.name": "店总", "seniorManager.email": "店总邮箱"}'
  ROUNDS="first again changed"
fi
for round in $ROUNDS; do
  [ "$round" = changed ] && customers 2
  started=$(date +%s%N)
  SENTINEL_DEMO_KEY=$KEY "$ROOT/sentinel" import "$FILE" --type "$TYPE" --mapping "$MAPPING" | tail -1
  seconds=$(awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  echo "$round: $ROWS rows in $seconds s = $(awk -v r="$ROWS" -v s="$seconds" 'BEGIN { printf "%d", r / s }') rows/s" \
    "(upload, validation, storage and outbox; the ingestion log line 'import … rows/s' times the job alone)"
done
kill "$WATCH" 2>/dev/null || true
echo "ingestion heap: at most $(( $(cat "$MAX_HEAP") / 1048576 )) MiB used (sampled each second)"
