#!/usr/bin/env bash
# Deploys the EAR (both WARs) on Payara Server 6 and checks that the storefront and the admin answer.
#
#   ./mvnw -B -o install -DskipTests      # builds ear/target/farmstand.ear and launcher/target/farmstand-launcher.jar
#   ear/check-ear.sh [WORKDIR]            # default WORKDIR: ear/target/payara-check
#
# Resolves fish.payara.distributions:payara:$PAYARA_VERSION:zip with Maven, unpacks it under WORKDIR, creates a domain
# there on a free port block, deploys the EAR and checks /s/sonnenhof/, /health/ready and /admin/login for 200.
# Database: FARMSTAND_DB_URL / FARMSTAND_DB_USER / FARMSTAND_DB_PASSWORD if FARMSTAND_DB_URL is set, otherwise an
# embedded MariaDB from the launcher jar (demo data is seeded). The domain and the database are always stopped (trap).
#
# Known failure (not fixed yet): the deploy fails with "Application validation fails ... for jndi-name
# [java:app/jdbc/farmstand]" (server.log: DEP0002 Duplicate descriptor found): both WARs carry core's web fragment,
# which defines that data source, so the EAR defines it twice. java:module instead is rejected the same way by Payara
# Server and breaks the persistence unit on Payara Micro ("Invalid resource : java:module/jdbc/farmstand__pm").
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mkdir -p "${1:-$ROOT/ear/target/payara-check}" && cd "${1:-$ROOT/ear/target/payara-check}" && pwd)
PAYARA_VERSION=${PAYARA_VERSION:-6.2025.9}
EAR=$ROOT/ear/target/farmstand.ear
LAUNCHER=$ROOT/launcher/target/farmstand-launcher.jar
DOMAIN=farmstand-check
[ -f "$EAR" ] || { echo "no $EAR: run ./mvnw -B install -DskipTests first" >&2; exit 2; }

# --- Payara Server
ASADMIN=$WORK/payara6/bin/asadmin
if [ ! -x "$ASADMIN" ]; then
    (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" \
        -DoutputDirectory="$WORK") || (cd "$ROOT" && ./mvnw -B -q -o dependency:copy \
        -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" -DoutputDirectory="$WORK")
    unzip -q -o "$WORK/payara-$PAYARA_VERSION.zip" -d "$WORK"
    rm -f "$WORK/payara-$PAYARA_VERSION.zip"
fi

DB_PID=
DOMAIN_STARTED=
cleanup() {
    set +e
    if [ -n "$DOMAIN_STARTED" ]; then
        "$ASADMIN" stop-domain --domaindir "$WORK/domains" "$DOMAIN" >/dev/null 2>&1 \
            || echo "stop-domain failed" >&2
    fi
    if [ -n "$DB_PID" ]; then
        kill "$DB_PID" 2>/dev/null; wait "$DB_PID" 2>/dev/null
    fi
}
trap cleanup EXIT INT TERM

# --- database
SEED=false
if [ -z "${FARMSTAND_DB_URL:-}" ]; then
    [ -f "$LAUNCHER" ] || { echo "no $LAUNCHER (embedded MariaDB): build it or set FARMSTAND_DB_URL" >&2; exit 2; }
    rm -f "$WORK/db-url"
    java -cp "$LAUNCHER" "$ROOT/ear/src/check/EarDb.java" "$WORK/mariadb" "$WORK/db-url" >"$WORK/mariadb.log" 2>&1 &
    DB_PID=$!
    for _ in $(seq 1 180); do
        [ -s "$WORK/db-url" ] && break
        kill -0 "$DB_PID" 2>/dev/null || { cat "$WORK/mariadb.log" >&2; exit 1; }
        sleep 1
    done
    [ -s "$WORK/db-url" ] || { echo "MariaDB did not start" >&2; exit 1; }
    FARMSTAND_DB_URL=$(cat "$WORK/db-url"); FARMSTAND_DB_USER=root; FARMSTAND_DB_PASSWORD=
    SEED=true
fi
echo "database: $FARMSTAND_DB_URL"

# --- domain on a free block of 100 ports (admin = base+48, http = base+80, https = base+81, ...)
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
BASE=
for b in $(seq 20000 100 29900); do
    ok=1
    for off in 0 8 9 37 38 48 66 76 80 81 86 99; do port_free $((b + off)) || { ok=; break; }; done
    [ -n "$ok" ] && { BASE=$b; break; }
done
[ -n "$BASE" ] || { echo "no free port block" >&2; exit 1; }
ADMIN_PORT=$((BASE + 48)); HTTP_PORT=$((BASE + 80))
rm -rf "$WORK/domains/$DOMAIN"
"$ASADMIN" create-domain --domaindir "$WORK/domains" --portbase "$BASE" --nopassword "$DOMAIN" >/dev/null
A=("$ASADMIN" --port "$ADMIN_PORT")
# MicroProfile Config reads system properties: they become the farmstand.db.* settings ("\:" escapes a colon)
esc() { printf '%s' "$1" | sed 's/:/\\:/g'; }
"$ASADMIN" start-domain --domaindir "$WORK/domains" "$DOMAIN" >/dev/null
DOMAIN_STARTED=1
echo "domain $DOMAIN: admin port $ADMIN_PORT, http port $HTTP_PORT"
"${A[@]}" set "configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.address=127.0.0.1" >/dev/null
"${A[@]}" create-system-properties "farmstand.db.url=$(esc "$FARMSTAND_DB_URL"):farmstand.db.user=$(esc "${FARMSTAND_DB_USER:-root}")" >/dev/null
if [ -n "${FARMSTAND_DB_PASSWORD:-}" ]; then
    "${A[@]}" create-system-properties "farmstand.db.password=$(esc "$FARMSTAND_DB_PASSWORD")" >/dev/null
fi
"${A[@]}" create-system-properties "farmstand.demo.seed=$SEED:farmstand.public-url=http\://127.0.0.1\:$HTTP_PORT" >/dev/null

echo "deploying $EAR"
"${A[@]}" deploy --name farmstand "$EAR" \
    || { echo "FAILED: deploy; see $WORK/domains/$DOMAIN/logs/server.log" >&2; exit 1; }

# --- checks
fail=0
check() {
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "http://127.0.0.1:$HTTP_PORT$1" || true)
    echo "GET $1 -> $code"
    [ "$code" = 200 ] || fail=1
}
check /health/ready
[ "$SEED" = true ] && check /s/sonnenhof/
check /admin/login
if [ "$fail" = 0 ]; then
    echo "OK: the EAR runs on Payara Server $PAYARA_VERSION"
else
    echo "FAILED: see $WORK/domains/$DOMAIN/logs/server.log" >&2
fi
"${A[@]}" undeploy farmstand >/dev/null || true
exit $fail
