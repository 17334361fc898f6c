#!/usr/bin/env bash
# Deploys the EAR (both WARs) on Payara Server 6 and checks that the storefront, the admin and its API answer.
#
#   ./mvnw -B install -DskipTests         # builds ear/target/farmstand.ear and launcher/target/farmstand-launcher.jar
#   ear/check-ear.sh [WORKDIR]            # default WORKDIR: ear/target/payara-check
#
# Payara Server: $PAYARA_HOME if set (an unpacked fish.payara.distributions:payara zip, its bin/asadmin), otherwise
# fish.payara.distributions:payara:$PAYARA_VERSION:zip resolved with Maven and unpacked under WORKDIR. A domain is
# created there on a free port block (HTTP on 127.0.0.1 only), the EAR deployed, then checked: /health/ready is UP;
# with the demo data the shop page, an owner's sign-in through the admin's login form (session, redirect, dashboard)
# and the REST API (401 without a token, the shop's tours with the demo token); without it the login page.
# Database: FARMSTAND_DB_URL / FARMSTAND_DB_USER / FARMSTAND_DB_PASSWORD if FARMSTAND_DB_URL is set (no demo data is
# seeded then), otherwise an embedded MariaDB from the launcher jar with the demo data. Exit status 0 only if every
# check passed. The domain and the database are always stopped (trap). The system tests run it (EarOnPayaraServerIT).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mkdir -p "${1:-$ROOT/ear/target/payara-check}" && cd "${1:-$ROOT/ear/target/payara-check}" && pwd)
PAYARA_VERSION=${PAYARA_VERSION:-6.2025.9}
EAR=${FARMSTAND_EAR:-$ROOT/ear/target/farmstand.ear}
LAUNCHER=$ROOT/launcher/target/farmstand-launcher.jar
DOMAIN=farmstand-check
[ -f "$EAR" ] || { echo "no $EAR: run ./mvnw -B install -DskipTests first" >&2; exit 2; }

# --- Payara Server
ASADMIN=${PAYARA_HOME:-$WORK/payara6}/bin/asadmin
if [ ! -x "$ASADMIN" ]; then
    [ -z "${PAYARA_HOME:-}" ] || { echo "no $ASADMIN (PAYARA_HOME)" >&2; exit 2; }
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
# the HTTP listener on loopback only (set before the start: a running listener does not move)
sed -i '/name="http-listener-1"/s|address="[^"]*"|address="127.0.0.1"|; /name="http-listener-1"/{/address=/!s|<network-listener |<network-listener address="127.0.0.1" |}' \
    "$WORK/domains/$DOMAIN/config/domain.xml"
"$ASADMIN" start-domain --domaindir "$WORK/domains" "$DOMAIN" >/dev/null
DOMAIN_STARTED=1
echo "domain $DOMAIN: admin port $ADMIN_PORT, http port $HTTP_PORT"
"${A[@]}" create-system-properties "farmstand.db.url=$(esc "$FARMSTAND_DB_URL"):farmstand.db.user=$(esc "${FARMSTAND_DB_USER:-root}")" >/dev/null
if [ -n "${FARMSTAND_DB_PASSWORD:-}" ]; then
    "${A[@]}" create-system-properties "farmstand.db.password=$(esc "$FARMSTAND_DB_PASSWORD")" >/dev/null
fi
# no node warm-up: its readiness check would hold /health/ready DOWN for up to 20 s after the first probe
"${A[@]}" create-system-properties "farmstand.demo.seed=$SEED:farmstand.public-url=http\://127.0.0.1\:$HTTP_PORT:farmstand.warmup.enabled=false" >/dev/null

echo "deploying $EAR"
"${A[@]}" deploy --name farmstand "$EAR" \
    || { echo "FAILED: deploy; see $WORK/domains/$DOMAIN/logs/server.log" >&2; exit 1; }

# --- checks
BASE=http://127.0.0.1:$HTTP_PORT
JAR=$WORK/cookies
rm -f "$JAR"
fail=0
# check NAME EXPECTED_STATUS EXPECTED_TEXT CURL_ARGS...: one request; the status and (if not empty) a text in the body
check() {
    local name=$1 want=$2 text=$3 code
    shift 3
    code=$(curl -s -o "$WORK/body" -w '%{http_code}' --max-time 60 -b "$JAR" -c "$JAR" "$@" || true)
    if [ "$code" = "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" "$WORK/body"; }; then
        echo "ok   $name ($code)"
    else
        echo "FAIL $name: status $code (want $want${text:+, body with \"$text\"})" >&2
        fail=1
    fi
}
check "health" 200 '"UP"' "$BASE/health/ready"
if [ "$SEED" = true ]; then
    check "shop page" 200 "Sonnenhof" "$BASE/s/sonnenhof/"
    check "login page" 200 'type="password"' "$BASE/admin/login"
    VIEW_STATE=$(grep -o 'name="jakarta.faces.ViewState"[^>]*' "$WORK/body" | sed -n 's/.*value="\([^"]*\)".*/\1/p' | head -1)
    check "owner signs in" 302 "" "$BASE/admin/login" --data-urlencode "login=login" \
        --data-urlencode "login:email=owner@sonnenhof.example" --data-urlencode "login:password=sonnenhof-demo" \
        --data-urlencode "login:submit=" --data-urlencode "jakarta.faces.ViewState=$VIEW_STATE"
    check "dashboard in the session" 200 'id="ordersToday"' -L "$BASE/admin/"
    check "API without a token" 401 "" "$BASE/admin/api/v1/tours"
    check "API with the shop's token" 200 "Dienstag Nord" -H "Authorization: Bearer fs_demo_sonnenhof_readwrite_token" \
        "$BASE/admin/api/v1/tours"
else
    check "login page" 200 'type="password"' "$BASE/admin/login"
fi
if [ "$fail" = 0 ]; then
    echo "OK: the EAR runs on $("$ASADMIN" version --local --terse 2>/dev/null || echo "Payara Server")"
else
    echo "FAILED: see $WORK/domains/$DOMAIN/logs/server.log" >&2
fi
"${A[@]}" undeploy farmstand >/dev/null || true
exit $fail
