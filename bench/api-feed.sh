#!/usr/bin/env bash
# Load on the API's order change feed (issue 7): starts Farmstand (launcher, embedded MariaDB, fresh database under
# var/bench-api/) on a free port with the per-token API rate limit raised, seeds orders into the demo shop's feed and
# runs org.farmstand.bench.ApiFeedBench (page through the whole feed; poll at the head). Stops what it started.
# Needs a build: ./mvnw -q -B -DskipTests install (or -pl launcher,bench -am package).
# Usage: bench/api-feed.sh [client options, e.g. --orders=5000 --users=1,4,16 --warmup=20 --step=20 --limit=200]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

launcher_jar=launcher/target/farmstand-launcher.jar
bench_jar=bench/target/farmstand-bench.jar
for f in "$launcher_jar" "$bench_jar"; do
    [[ -f "$f" ]] || { echo "api-feed.sh: $f missing: build first (./mvnw -q -B -DskipTests install)" >&2; exit 1; }
done
data=${API_BENCH_DATA:-var/bench-api}

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
port=18280
while ! port_free "$port"; do
    port=$((port + 1))
    (( port <= 18380 )) || { echo "api-feed.sh: no free port in 18280-18380" >&2; exit 1; }
done

rm -rf "$data"
mkdir -p "$data"
log="$data/launcher.log"
launcher_pid=""
stop_all() {
    if [[ -n "$launcher_pid" ]] && kill -0 "$launcher_pid" 2>/dev/null; then
        kill -TERM "$launcher_pid" 2>/dev/null || true
        for _ in $(seq 1 90); do
            kill -0 "$launcher_pid" 2>/dev/null || break
            sleep 1
        done
        kill -0 "$launcher_pid" 2>/dev/null && kill -KILL "$launcher_pid" 2>/dev/null || true
    fi
    launcher_pid=""
}
trap stop_all EXIT
trap 'exit 130' INT TERM

echo "Starting Farmstand on 127.0.0.1:$port (data $data, log $log) ..."
# the API's per-token rate limit (50/s by default) would measure the limiter, not the feed
FARMSTAND_API_RATE_PER_SECOND=1000000 FARMSTAND_API_RATE_BURST=1000000 \
    java -jar "$launcher_jar" --port "$port" --bind 127.0.0.1 --data "$data" > "$log" 2>&1 &
launcher_pid=$!
deadline=$((SECONDS + 400))
until grep -q "Farmstand is running" "$log" 2>/dev/null; do
    if ! kill -0 "$launcher_pid" 2>/dev/null || (( SECONDS > deadline )); then
        echo "api-feed.sh: Farmstand did not start:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    sleep 2
done
db_line=$(grep -m1 "^ Database " "$log")
jdbc=$(sed -E 's/^ Database +([^ ]+) .*/\1/' <<<"$db_line")
db_user=$(sed -E 's/.*\(user ([^,)]+).*/\1/' <<<"$db_line")
[[ "$db_user" == "''" ]] && db_user=""

echo "OpenAPI document: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/openapi"), API paths in it:" \
    "$(curl -s "http://127.0.0.1:$port/openapi" | grep -c '/api/v1/')"
java -Xmx512m -cp "$bench_jar" org.farmstand.bench.ApiFeedBench --base="http://127.0.0.1:$port" --jdbc="$jdbc" \
    --db-user="$db_user" --db-password="${FARMSTAND_DB_PASSWORD:-}" "$@"
