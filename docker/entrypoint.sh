#!/bin/sh
# Starts Payara Micro for one Farmstand node. Configuration: environment variables only (see Dockerfile).
set -eu

cluster_opts="--nocluster"
if [ -n "${PAYARA_CLUSTER_MEMBERS:-}" ]; then
    # Hazelcast discovery by a fixed member list (multicast is not reliable on container networks);
    # the advertised address is the container's own, reachable from the other members on the same network
    cluster_opts="--clustername ${PAYARA_CLUSTER_NAME:-farmstand} --clustermode tcpip:${PAYARA_CLUSTER_MEMBERS}"
    if [ -n "${PAYARA_HZ_PUBLIC_ADDRESS:-}" ]; then
        cluster_opts="$cluster_opts --hzpublicaddress ${PAYARA_HZ_PUBLIC_ADDRESS}"
    fi
fi

# Payara's HTTP worker threads: 48 instead of its 200 (as the launcher does; keep it above the storefront's admission
# limit farmstand.admission.max-in-flight + 16; see launcher Main.HTTP_THREADS and BENCHMARKS.md, session 7)
preboot=/opt/farmstand/var/preboot.asadmin
printf 'set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=%s\n' \
    "${PAYARA_HTTP_THREADS:-48}" > "$preboot"
# the scheme the client used, as the balancer tells it (X-Forwarded-Proto: https where it ends TLS): the session and
# the shop's cookies are then flagged Secure (launcher Main.SCHEME_MAPPING)
printf 'set configs.config.server-config.network-config.protocols.protocol.http-listener.http.scheme-mapping=%s\n' \
    X-Forwarded-Proto >> "$preboot"

# shellcheck disable=SC2086  # word splitting of JAVA_OPTS and cluster_opts is intended
exec java ${JAVA_OPTS:-} \
    -Djava.io.tmpdir=/opt/farmstand/var/tmp \
    -jar /opt/farmstand/payara-micro.jar \
    --deploy /opt/farmstand/storefront.war:/ \
    --deploy /opt/farmstand/admin.war:/admin \
    --port 8080 \
    --name "${PAYARA_INSTANCE_NAME:-$(hostname)}" \
    --rootdir /opt/farmstand/var/payara \
    --disablephonehome \
    --prebootcommandfile "$preboot" \
    $cluster_opts
