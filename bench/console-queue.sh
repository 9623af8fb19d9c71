#!/usr/bin/env bash
# Manager console benchmark against the running local stack (./sentinel up), loopback only: makes sure at least
# OPEN (default 500) tasks are open by pushing red feedback for new customers, signs in as the demo tenant's admin
# (one-time link from the local mail log), then times ROUNDS x 30 loads of the queue (/console?scope=ALL, 200 rows)
# and of its polled fragment, printing time to first byte (p50/p90/max per round) and the page weight, raw and gzipped.
# Usage: bench/console-queue.sh [OPEN=500] [ROUNDS=3]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OPEN=${1:-500}
ROUNDS=${2:-3}
source "$ROOT/bench/bench-env.sh"
I=http://127.0.0.1:8083
ready 8083 intervention

open_tasks() {
  curl -fsS -H "Authorization: Bearer $KEY" "$I/api/v1/tasks?status=OPEN&limit=500" | grep -o '"id":"[^"]*","customerId"' | wc -l
}
have=$(open_tasks)
if [ "$have" -lt "$OPEN" ]; then
  need=$((OPEN - have))
  run=$(date +%s)
  now=$(date --iso-8601=seconds)
  body=$(for i in $(seq 1 "$need"); do
    printf '{"externalId":"bench-console-%s-%d","customerId":"BENCH-%s-%04d","channel":"SURVEY","occurredAt":"%s","text":"价格太贵了，我们下个月解约。"}\n' \
      "$run" "$i" "$run" "$i" "$now"
  done | paste -sd, -)
  curl -fsS -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "[$body]" \
    http://127.0.0.1:8081/api/v1/feedback/batch
  for _ in $(seq 1 60); do [ "$(open_tasks)" -ge "$OPEN" ] && break; sleep 1; done
fi
echo "open tasks (API, first 500): $(open_tasks)"

curl -fsS -o /dev/null -d 'email=admin@demo.example.com' "$I/console/sign-in"
sleep 2
# the mail log holds the raw messages: undo quoted-printable's soft line breaks and =3D before looking for the link
link=$("$ROOT/sentinel" logs mail | sed -e ':a' -e '/=$/{N;s/=\n//;ba}' | sed 's/=3D/=/g' \
  | grep -o "$I/console?t=[A-Za-z0-9_%.-]*" | tail -n 1)
cookie=$(curl -fsS -o /dev/null -D - "$link" | grep -io 'cs_session=[^;]*' | head -n 1)
[ -n "$cookie" ] || { echo "could not sign in (is admin@demo.example.com the demo admin?)" >&2; exit 1; }

measure() { # URL LABEL
  for r in $(seq 1 "$ROUNDS"); do
    for _ in $(seq 1 30); do
      curl -s -o /dev/null -H 'Accept-Encoding: gzip' -H "Cookie: $cookie" -w '%{time_starttransfer}\n' "$1"
    done | sort -n | awk -v r="$r" -v l="$2" '{a[NR]=$1} END {printf "%s round %d: p50 %.1f ms, p90 %.1f ms, max %.1f ms\n", l, r, a[int(NR/2)+1]*1000, a[int(NR*0.9)]*1000, a[NR]*1000}'
  done
}
measure "$I/console?scope=ALL" "queue page"
measure "$I/console/rows?scope=ALL" "rows fragment"
raw=$(curl -fsS -H "Cookie: $cookie" "$I/console?scope=ALL" | wc -c)
gz=$(curl -fsS -H 'Accept-Encoding: gzip' -H "Cookie: $cookie" "$I/console?scope=ALL" | wc -c)
js=$(curl -fsS -H 'Accept-Encoding: gzip' "$I/webjars/htmx.org/2.0.10/dist/htmx.min.js" | wc -c)
rows=$(curl -fsS -H "Cookie: $cookie" "$I/console?scope=ALL" | grep -o 'data-task=' | wc -l)
echo "queue page: $rows rows, $raw bytes of HTML ($gz gzipped) + htmx $js bytes gzipped (cached after the first page)"
