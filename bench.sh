#!/usr/bin/env bash
# Load benchmark of Farmstand (issue 6): builds when needed, starts the platform (production mode, embedded MariaDB,
# fresh database under var/bench/) on a free port with a bare-servlet baseline WAR at /bench, warms up, runs the
# scenarios (anonymous catalog browsing, baseline servlet, checkout of signed-in customers, logins, the admin's
# dashboard and product table, API reads) at increasing
# concurrency, prints a table and ends with one line:
#   RESULT catalog_ratio=<r> orders_per_s=<n> checkout_p99_ms=<n> oversold=<n> errors=<n>
# Stops everything it started. Targets 127.0.0.1 only.
# Usage: ./bench.sh [--quick] [--no-jfr] [--overload | --soak] [extra options for the client, e.g. --checkout-users=8,32
#        or --checkout-rates=10,30 (paced checkout steps: orders started per second; empty for none)]
#   --quick     shorter steps and fewer of them: the whole run takes under 5 minutes
#   --overload  surge test instead of the scenarios: the sustainable checkout rate, then 60 s of anonymous arrivals at
#               20x that request rate (open model, queue pages followed with their ticket) while signed-in customers
#               keep checking out; prints 5xx, admitted p99, queue-page share, orders lost/duplicated, oversold:
#               RESULT overload_5xx=<n> admitted_p99_ms=<n> queue_share=<r> orders_lost=<n> orders_duplicated=<n> oversold=<n>
#   --soak      cookieless flood (--soak-seconds=120, --soak-users=32): live heap after full GCs, sessions created:
#               RESULT soak_requests=<n> sessions=<n> heap_start_mib=<n> heap_end_mib=<n> errors=<n>
# Admission limits of the platform under test: FARMSTAND_ADMISSION_MAX_IN_FLIGHT / FARMSTAND_ADMISSION_RESERVED
# (MicroProfile Config from the environment; defaults in core's microprofile-config.properties).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
# jars, free port, launcher start/stop (stopped on exit)
source bench/lib.sh

quick=false
jfr=true
mode=standard
client_args=()
for arg in "$@"; do
    case "$arg" in
        --quick) quick=true; client_args+=("--quick") ;;
        --no-jfr) jfr=false ;;
        --overload) mode=overload; client_args+=("--mode=overload") ;;
        --soak) mode=soak; client_args+=("--mode=soak") ;;
        --help|-h) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --*=*) client_args+=("$arg") ;;
        *) echo "bench.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done

baseline_war=bench/target/bench-baseline.war
data=var/bench

needs_build() {
    for f in "$launcher_jar" "$bench_jar" "$baseline_war"; do
        [[ -f "$f" ]] || return 0
    done
    [[ -d launcher/target/runtime ]] || return 0
    [[ -n "$(find . -path ./var -prune -o -path '*/target' -prune -o -path ./.git -prune -o \
        \( -path '*/src/*' -o -name pom.xml \) -type f \( -newer "$launcher_jar" -o -newer "$bench_jar" \) \
        -print -quit)" ]]
}

if needs_build; then
    echo "Building Farmstand and the bench (./mvnw -q -B -DskipTests install) ..."
    timeout 900 ./mvnw -q -B -DskipTests install
fi

port=$(free_port 18080 18180) || exit 1

# a fresh bench database every run
rm -rf "$data"
mkdir -p "$data/jfr"
launcher_log="$data/launcher.log"
output="$data/bench-output.txt"

# the API's per-token rate limit (50/s by default) would make the api step measure the limiter, not the API
FARMSTAND_API_RATE_PER_SECOND=1000000 FARMSTAND_API_RATE_BURST=1000000 \
    start_launcher "$port" "$data" "$launcher_log" 600 --extra-war "$baseline_war:/bench"
echo "Farmstand is up (database $jdbc, user '$db_user')."

if $jfr && [[ "$mode" == standard ]]; then
    client_args+=("--jfr-dir=$data/jfr")
fi
if [[ "$mode" == overload ]]; then limit=540
elif [[ "$mode" == soak ]]; then limit=600
elif $quick; then limit=270; else limit=1500; fi

set +e
# BENCH_CLIENT_NICE=N runs the load client at that nice level (an experiment: how the platform fares when the load
# client, which would run elsewhere in reality, does not compete with it for the CPU as an equal; default 0)
timeout "$limit" nice -n "${BENCH_CLIENT_NICE:-0}" java -Xmx512m -jar "$bench_jar" --base="http://127.0.0.1:$port" --jdbc="$jdbc" \
    --db-user="$db_user" --db-password="${FARMSTAND_DB_PASSWORD:-}" --launcher-pid="$launcher_pid" \
    "${client_args[@]}" 2>&1 | tee "$output" | grep -v '^RESULT '
status=${PIPESTATUS[0]}
set -e

echo "Stopping Farmstand ..."
stop_launcher
if (( status != 0 )); then
    echo "bench.sh: the load client failed (exit $status); output in $output" >&2
fi
result=$(grep '^RESULT ' "$output" | tail -n 1 || true)  # no RESULT line: the NaN line below
if [[ -z "$result" ]]; then
    case "$mode" in
        overload) result="RESULT overload_5xx=NaN admitted_p99_ms=NaN queue_share=NaN orders_lost=NaN orders_duplicated=NaN oversold=NaN" ;;
        soak) result="RESULT soak_requests=NaN sessions=NaN heap_start_mib=NaN heap_end_mib=NaN errors=NaN" ;;
        *) result="RESULT catalog_ratio=NaN orders_per_s=NaN checkout_p99_ms=NaN oversold=NaN errors=NaN" ;;
    esac
fi
echo "$result"
(( status == 0 ))
