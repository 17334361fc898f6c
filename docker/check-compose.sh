#!/bin/sh
# Checks that docker/docker-compose.yml is accepted: `docker compose config` (v2 plugin) if there is one, else
# Debian's docker-compose 1.29. Exit 0: accepted; 1: rejected; 3: neither tool installed. No Docker engine needed.
# Runs with the defaults and with the main variables set, so both forms are checked.
set -eu
cd "$(dirname "$0")"
if docker compose version >/dev/null 2>&1; then
    compose="docker compose"
elif command -v docker-compose >/dev/null 2>&1; then
    compose="docker-compose"
else
    echo "check-compose: neither 'docker compose' nor docker-compose is installed" >&2
    exit 3
fi
echo "check-compose: using $($compose version 2>/dev/null | head -n 1)"
# shellcheck disable=SC2086
$compose -f docker-compose.yml config -q
# shellcheck disable=SC2086
FARMSTAND_DB_PASSWORD=x MARIADB_ROOT_PASSWORD=y FARMSTAND_HTTP_PORT=18080 \
    FARMSTAND_CACHE_CLUSTER_URI=terracotta://cache.example:9410/farmstand TERRACOTTA_OFFHEAP=main:1GB \
    $compose -f docker-compose.yml config > /dev/null
services=$($compose -f docker-compose.yml config --services | sort | tr '\n' ' ')
echo "check-compose: accepted; services: $services"
