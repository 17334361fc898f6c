#!/usr/bin/env bash
# Load on the API's order change feed (issue 7): starts Farmstand (launcher, embedded MariaDB, fresh database under
# var/bench-api/) on a free port with the per-token API rate limit raised, seeds orders into the demo shop's feed and
# runs org.farmstand.bench.ApiFeedBench (page through the whole feed; poll at the head). Stops what it started.
# Needs a build: ./mvnw -q -B -DskipTests install (or -pl launcher,bench -am package).
# Usage: bench/api-feed.sh [client options, e.g. --orders=5000 --users=1,4,16 --warmup=20 --step=20 --limit=200]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# jars, free port, launcher start/stop (stopped on exit)
source bench/lib.sh

for f in "$launcher_jar" "$bench_jar"; do
    [[ -f "$f" ]] || { echo "api-feed.sh: $f missing: build first (./mvnw -q -B -DskipTests install)" >&2; exit 1; }
done
data=${API_BENCH_DATA:-var/bench-api}

port=$(free_port 18280 18380) || exit 1

rm -rf "$data"
mkdir -p "$data"
log="$data/launcher.log"
# the API's per-token rate limit (50/s by default) would measure the limiter, not the feed
FARMSTAND_API_RATE_PER_SECOND=1000000 FARMSTAND_API_RATE_BURST=1000000 start_launcher "$port" "$data" "$log" 400

echo "OpenAPI document: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/openapi"), API paths in it:" \
    "$(curl -s "http://127.0.0.1:$port/openapi" | grep -c '/api/v1/')"
java -Xmx512m -cp "$bench_jar" org.farmstand.bench.ApiFeedBench --base="http://127.0.0.1:$port" --jdbc="$jdbc" \
    --db-user="$db_user" --db-password="${FARMSTAND_DB_PASSWORD:-}" "$@"
