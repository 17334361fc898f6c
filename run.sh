#!/usr/bin/env bash
# Runs Farmstand locally: builds when needed, then starts the launcher (embedded MariaDB + Payara Micro).
# Usage: ./run.sh [--port N] [--bind ADDR] [--data DIR] [--no-seed] [--verbose] [--cluster N] [--help]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

jar=launcher/target/farmstand-launcher.jar

needs_build() {
    [[ -f "$jar" ]] || return 0
    [[ -d launcher/target/runtime ]] || return 0
    # any source file or pom newer than the launcher jar
    [[ -n "$(find . -path ./var -prune -o -path '*/target' -prune -o -path ./.git -prune -o \
        \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$jar" -print -quit)" ]]
}

if needs_build; then
    echo "Building Farmstand (./mvnw -q -B -DskipTests install) ..."
    ./mvnw -q -B -DskipTests install
fi

exec java -jar "$jar" "$@"
