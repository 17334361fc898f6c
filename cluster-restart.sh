#!/usr/bin/env bash
# Rolling restart of a local cluster under a small steady load, with a report of failed checkouts and lost sessions.
# Starts the cluster as ./run.sh --cluster N does (on a test database of its own), signs in three demo customers who
# order in a loop through HAProxy, restarts the nodes one at a time (the launcher's 'restart' console command: out of
# the balancer, stop, start, back in), and prints the counts (target: 0 failed checkouts, 0 lost sessions).
# Usage: ./cluster-restart.sh [NODES]   (default 2; needs /usr/sbin/haproxy)
# Extra Maven options can follow, e.g. -o (offline) or -Dit.work.dir=/some/dir.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
nodes=2
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then
    nodes=$1
    shift
fi
report="$PWD/cluster-tests/target/rolling-restart.txt"

echo "Building (launcher and what it needs) ..."
./mvnw -q -B -DskipTests "$@" install -pl launcher -am
./mvnw -B "$@" -pl cluster-tests verify -Dit.test=RollingRestartIT -Dfarmstand.rolling-restart=true \
    -Dfarmstand.rolling-restart.nodes="$nodes" -Dfarmstand.rolling-restart.report="$report" \
    -Dsurefire.failIfNoSpecifiedTests=false && status=0 || status=$?
echo
[[ -f "$report" ]] && cat "$report"
exit $status
