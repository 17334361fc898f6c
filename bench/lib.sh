# Shared by ./bench.sh and bench/api-feed.sh (sourced from the project root): the built jars, a free port, the
# launcher (embedded MariaDB + Payara Micro) started in the background and waited for, its database read from its
# log, and stopping it again. Sourcing installs the traps that stop the launcher when the script ends.
# Messages name the sourcing script (bench.sh: ..., api-feed.sh: ...).

launcher_jar=launcher/target/farmstand-launcher.jar
bench_jar=bench/target/farmstand-bench.jar
bench_name=$(basename "$0")

launcher_pid=""
jdbc=""
db_user=""

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port FIRST LAST: prints the first port in FIRST..LAST nobody listens on; fails when there is none.
free_port() {
    local port=$1
    while ! port_free "$port"; do
        port=$((port + 1))
        if (( port > $2 )); then
            echo "$bench_name: no free port in $1-$2" >&2
            return 1
        fi
    done
    echo "$port"
}

# start_launcher PORT DATA LOG TIMEOUT_S [more launcher options]: starts the launcher on 127.0.0.1:PORT with its data
# in DATA and its output in LOG, sets launcher_pid and waits until it says it is running; exits the script when the
# launcher ends or is not ready within TIMEOUT_S seconds. Environment variables put in front of the call
# (VAR=value start_launcher ...) reach the launcher. Then sets jdbc and db_user from the log's database line.
start_launcher() {
    local port=$1 data=$2 log=$3 timeout_s=$4
    shift 4
    echo "Starting Farmstand on 127.0.0.1:$port (data $data, log $log) ..."
    java -jar "$launcher_jar" --port "$port" --bind 127.0.0.1 --data "$data" "$@" > "$log" 2>&1 &
    launcher_pid=$!

    local deadline=$((SECONDS + timeout_s))
    until grep -q "Farmstand is running" "$log" 2>/dev/null; do
        if ! kill -0 "$launcher_pid" 2>/dev/null; then
            echo "$bench_name: the launcher exited during start-up:" >&2
            tail -n 40 "$log" >&2
            launcher_pid=""
            exit 1
        fi
        if (( SECONDS > deadline )); then
            echo "$bench_name: Farmstand was not ready within $timeout_s s" >&2
            tail -n 40 "$log" >&2
            exit 1
        fi
        sleep 2
    done
    local db_line
    db_line=$(grep -m1 "^ Database " "$log")
    jdbc=$(sed -E 's/^ Database +([^ ]+) .*/\1/' <<<"$db_line")
    db_user=$(sed -E 's/.*\(user ([^,)]+).*/\1/' <<<"$db_line")
    [[ "$db_user" == "''" ]] && db_user=""
    return 0
}

# stop_launcher: stops the launcher if it runs (its shutdown hook stops Payara Micro and MariaDB); after 90 s it and
# its children are killed.
stop_launcher() {
    if [[ -n "$launcher_pid" ]] && kill -0 "$launcher_pid" 2>/dev/null; then
        kill -TERM "$launcher_pid" 2>/dev/null || true
        for _ in $(seq 1 90); do
            kill -0 "$launcher_pid" 2>/dev/null || break
            sleep 1
        done
        if kill -0 "$launcher_pid" 2>/dev/null; then
            echo "$bench_name: launcher did not stop within 90 s, killing it and its children" >&2
            for child in $(pgrep -P "$launcher_pid" || true); do
                kill -KILL "$child" 2>/dev/null || true
            done
            kill -KILL "$launcher_pid" 2>/dev/null || true
        fi
    fi
    launcher_pid=""
}

trap stop_launcher EXIT
trap 'exit 130' INT TERM
