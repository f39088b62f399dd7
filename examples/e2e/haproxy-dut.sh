#!/usr/bin/env bash
# The default device under test: haproxy 2.6 as a TLS-terminating, TLS-originating TCP relay
# (conf/haproxy.cfg), in the foreground until stopped. This is what the rig runs when DUT_CMD is unset:
#   DUT_CMD='exec "$E2E_DIR/haproxy-dut.sh"'
# Interface (as for any DUT): listens with TLS on 127.0.0.1:$DUT_PORT presenting $CERT_DIR/server.pem,
# connects with TLS to $DUT_UPSTREAM verifying it against $CERT_DIR/ca.crt and $SERVER_NAME, presenting
# $CERT_DIR/client.pem. Env: HAP_THREADS (1), HAP_MAXCONN (<= 9000, from the open-files limit),
# HAP_CFG (another config file; selftest.sh uses deliberately broken ones).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${DUT_PORT:?}" "${DUT_UPSTREAM:?}"
export CERT_DIR="${CERT_DIR:-$HERE/certs}" SERVER_NAME="${SERVER_NAME:-sip.example.test}" DUT_PORT DUT_UPSTREAM
[[ "${DUT_UPSTREAM%:*}" =~ ^127\. ]] || { echo "refusing non-loopback upstream $DUT_UPSTREAM" >&2; exit 2; }
h=$(ulimit -Hn); [[ "$h" == unlimited ]] && h=65536
export HAP_THREADS="${HAP_THREADS:-1}" HAP_MAXCONN="${HAP_MAXCONN:-$(( (h - 100) / 2 > 9000 ? 9000 : (h - 100) / 2 ))}"
cfg="${HAP_CFG:-$HERE/conf/haproxy.cfg}"
haproxy -c -q -f "$cfg"
exec haproxy -db -f "$cfg"
