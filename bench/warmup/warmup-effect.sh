#!/usr/bin/env bash
# Measures the node warm-up's effect (BENCHMARKS.md, session 13): starts the launcher (one node, embedded MariaDB,
# demo data; data in var/warmup-effect/) with the warm-up off and on in turn, and from the moment /health/ready
# answers 200 loads it for SECONDS with USERS cookieless catalog clients (bench/warmup/WarmUpEffect.java), printing the
# requests served per 5 s. Only 127.0.0.1; stops the launcher after each run. Needs the built launcher
# (./mvnw -B -DskipTests package).
#   bench/warmup/warmup-effect.sh [ROUNDS=2] [SECONDS=20] [USERS=8]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source bench/lib.sh
rounds=${1:-2}
seconds=${2:-20}
users=${3:-8}
[[ -f "$launcher_jar" ]] || { echo "$bench_name: no $launcher_jar: build first (./mvnw -B -DskipTests package)" >&2; exit 2; }
port=$(free_port 18600 18699)
data=var/warmup-effect
mkdir -p "$data"
for round in $(seq 1 "$rounds"); do
    for warmup in false true; do
        echo "=== round $round, warm-up $warmup (uptime:$(uptime | sed 's/.*load average//'))"
        FARMSTAND_WARMUP_ENABLED=$warmup java -jar "$launcher_jar" --port "$port" --bind 127.0.0.1 --data "$data" \
            > "$data/launcher-$round-$warmup.log" 2>&1 &
        launcher_pid=$!
        timeout 600 java bench/warmup/WarmUpEffect.java "$port" "$seconds" "$users" 5
        grep -h "Warm-up ended" "$data/log/payara.log" | sed 's/.*levelValue: [0-9]*\] //' || true
        stop_launcher
    done
done
