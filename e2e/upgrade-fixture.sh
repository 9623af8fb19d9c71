#!/usr/bin/env bash
# Makes UpgradeIT's fixture: the database of a release after a little use. Start the release from a checkout of its
# commit (./sentinel up, on a fresh .sentinel, the usual ports), then run this from this repository with the key it
# printed, and name the file in UpgradeIT:
#   e2e/upgrade-fixture.sh KEY e2e/src/test/resources/upgrade/COMMIT.sql
# It seeds the release through its public API (customers, feedback that opens tasks, events, a task worked to each
# outcome, a subscription, a new playbook and scoring-model version), waits until the flow has settled, and captures
# every schema (UpgradeFixture: Flyway versions, rows as COPY text, sequences).
set -euo pipefail
cd "$(dirname "$0")/.."
KEY=${1:?usage: e2e/upgrade-fixture.sh KEY OUTPUT.sql}
OUT=$(realpath -m "${2:?usage: e2e/upgrade-fixture.sh KEY OUTPUT.sql}")
H=(-sS --fail-with-body -H "Authorization: Bearer $KEY" -H "Content-Type: application/json")
IN=http://127.0.0.1:8081/api/v1 SC=http://127.0.0.1:8082/api/v1 IV=http://127.0.0.1:8083/api/v1

customer() { # id name
  curl "${H[@]}" -X PUT "$IN/customers/$1" -d "{\"name\": \"$2\", \"segment\": \"NEV owner\", \"valueTier\": \"VIP\",
    \"annualValue\": 6000, \"currency\": \"CNY\",
    \"accountManager\": {\"id\": \"am-01\", \"name\": \"李明\", \"email\": \"li.ming@example.com\"},
    \"seniorManager\": {\"id\": \"sm-01\", \"name\": \"周总\", \"email\": \"zhou@example.com\"}}" >/dev/null
}
feedback() { # externalId customer occurredAt text
  curl "${H[@]}" -X POST "$IN/feedback" -d "{\"externalId\": \"$1\", \"customerId\": \"$2\", \"channel\": \"SURVEY\",
    \"occurredAt\": \"$3\", \"text\": \"$4\", \"nps\": 3}" >/dev/null
}
visit() { # externalId customer occurredAt amount
  curl "${H[@]}" -X POST "$IN/events" -d "{\"externalId\": \"$1\", \"customerId\": \"$2\", \"type\": \"SERVICE_VISIT\",
    \"occurredAt\": \"$3\", \"amount\": $4, \"attributes\": {\"addOnsOffered\": 2, \"addOnsAccepted\": 1}}" >/dev/null
}
task_of() { # customer kind → the task's id, once it exists
  for _ in $(seq 1 60); do
    id=$(curl "${H[@]}" "$IV/tasks?customerId=$1" | python3 -c "import json,sys
items=[t for t in json.load(sys.stdin)['items'] if t['kind']=='$2']
print(items[0]['id'] if items else '')")
    [ -n "$id" ] && { echo "$id"; return; }
    sleep 1
  done
  echo "no $2 task for $1" >&2; exit 1
}

for c in UP-RED UP-RETAINED UP-CHURNED UP-CALM UP-QUIET; do customer "$c" "客户$c"; done
for month in 01 02 03 04 05 06; do
  for c in UP-RED UP-RETAINED UP-CHURNED UP-CALM UP-QUIET; do visit "up-visit-$c-$month" "$c" "2026-$month-10T10:00:00+08:00" 800; done
done
feedback up-fb-calm UP-CALM 2026-06-20T10:00:00+08:00 "价格不贵，服务也挺周到的"
feedback up-fb-red UP-RED 2026-06-20T10:00:00+08:00 "合同到期我们就解约，不想再续了。"
feedback up-fb-retained UP-RETAINED 2026-06-20T10:00:00+08:00 "再不解决我就投诉到12315"
feedback up-fb-churned UP-CHURNED 2026-06-20T10:00:00+08:00 "我们已经决定换别家了，下个月解约。"

red=$(task_of UP-RED RESCUE)
curl "${H[@]}" -X POST "$IV/tasks/$red/acknowledge" -d '{"by": "周总"}' >/dev/null
curl "${H[@]}" -X POST "$IV/tasks/$red/comments" -d '{"text": "已约周五面谈", "by": "周总"}' >/dev/null
retained=$(task_of UP-RETAINED RESCUE)
curl "${H[@]}" -X POST "$IV/tasks/$retained/acknowledge" >/dev/null
curl "${H[@]}" -X POST "$IV/tasks/$retained/resolve" \
  -d '{"outcome": "RETAINED", "rootCause": "空调异味未解决", "actions": "免费更换蒸发箱", "cost": 500}' >/dev/null
churned=$(task_of UP-CHURNED RESCUE)
curl "${H[@]}" -X POST "$IV/tasks/$churned/resolve" -d '{"outcome": "CHURNED", "rootCause": "价格"}' >/dev/null
task_of UP-CHURNED EXIT_SURVEY >/dev/null

curl "${H[@]}" -X POST "$IV/subscriptions" \
  -d '{"url": "http://127.0.0.1:9/hooks/sentinel", "events": ["TIER_CHANGED", "TASK_CHANGED"], "description": "CRM"}' >/dev/null
curl "${H[@]}" -X POST "$IV/tasks/$red/comments" -d '{"text": "客户同意再给一次机会", "by": "周总"}' >/dev/null
curl "${H[@]}" "$IV/playbooks" | python3 -c "import json,sys
d=json.load(sys.stdin); print(json.dumps(d))" | curl "${H[@]}" -X PUT "$IV/playbooks" --data-binary @- >/dev/null
curl "${H[@]}" "$SC/scoring-model" | curl "${H[@]}" -X PUT "$SC/scoring-model" --data-binary @- >/dev/null

# settled: every task's e-mail sent, the outbox drained
sleep 10
./mvnw -B -q -pl e2e test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.churnsentinel.e2e.UpgradeFixture \
  -Dexec.args="jdbc:postgresql://127.0.0.1:15432/postgres $OUT \
ingestion=ingestion-service/src/main/resources/db/migration,outbox/src/main/resources/db/outbox \
scoring=scoring-service/src/main/resources/db/migration,outbox/src/main/resources/db/outbox \
intervention=intervention-service/src/main/resources/db/migration"
echo "wrote $OUT ($(wc -c < "$OUT") bytes)"
