#!/usr/bin/env bash
# The sip-alg runner's `kill -HUP`, seen from outside with `openssl s_client`:
#   rotated  the runner serves a copy of server.crt; the copy is replaced by server-rsa.crt (and its
#            key) and the runner gets SIGHUP: a new connection must be served the new certificate
#   profile  the profile's ssl-min-version is raised from tls-1.2 to tls-1.3 in the file and the
#            runner gets SIGHUP: a TLS 1.2 connection, accepted before, must now be refused
#   refused  the copy is replaced by a certificate that does not match the key: the reload must be
#            refused ("failed, the running configuration stays") and server-rsa.crt stays served
#   alive    the runner still listens after all three
#   ./reload-probe.sh
# Output (stdout): check=reload-rotated, check=reload-profile, check=reload-refused,
# check=reload-alive (result=PASS|FAIL), then
# "N passed, M failed". Exit status: the number of failed checks. Env: as lib.sh (CERT_DIR, RUN_DIR,
# DUT_PORT, SIP_ALG_JAR, SERVER_NAME).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_cmd openssl; require_cmd envsubst; require_cmd pkill; require_certs
export DUT=sip-alg
live="$RUN_DIR/reload-certs"; mkdir -p "$live"
cp "$CERT_DIR/server.crt" "$live/server.crt"; cp "$CERT_DIR/server.key" "$live/server.key"
# the rig's profile, with the server certificate read from the copies (the key unencrypted)
sed -e "s|\${CERT_DIR}/server.crt|$live/server.crt|" -e "s|\${CERT_DIR}/server.key.p8.pem|$live/server.key|" \
    -e '/set password "changeit"/d' "$E2E_DIR/conf/sip-alg.conf.in" >"$RUN_DIR/sip-alg-reload.conf.in"
export SIP_ALG_CONFIG="$RUN_DIR/sip-alg-reload.conf.in"
log "=== reload probe: the runner's certificates rotated with kill -HUP; run dir $RUN_DIR"
# no upstream is needed: only the phone-side handshake is looked at (the session then fails upstream)
dut_start reload "127.0.0.1:9"

serial_of() { openssl x509 -noout -serial -in "$1" | sed 's/^serial=//'; }
# the serial of the certificate a new TLS connection to the runner is served
served() { openssl s_client -connect "127.0.0.1:$DUT_PORT" -servername "$SERVER_NAME" -CAfile "$CERT_DIR/ca.crt" \
             </dev/null 2>/dev/null | openssl x509 -noout -serial 2>/dev/null | sed 's/^serial=//'; }
# hangup PATTERN: sends SIGHUP to the runner (the java child of the timeout wrapper) and waits (10 s
# at most) until its log has one more line matching PATTERN
hangup() {
  local before i; before=$(grep -c -- "$1" "$DUT_LOG" || true)
  pkill -HUP -P "$DUT_PID" java || return 1
  for ((i = 0; i < 100; i++)); do
    (($(grep -c -- "$1" "$DUT_LOG" || true) > before)) && return 0
    nap 0.1
  done
  return 1
}

CHECK_PREFIX=reload
first=$(served)
cp "$CERT_DIR/server-rsa.crt" "$live/server.crt"; cp "$CERT_DIR/server-rsa.key" "$live/server.key"
hangup "sip-alg: reloaded "; signalled=$?
rotated=$(served)
[[ "$signalled" == 0 && "$first" == "$(serial_of "$CERT_DIR/server.crt")" && "$rotated" == "$(serial_of "$CERT_DIR/server-rsa.crt")" ]]
check rotated $? "before=$first after=$rotated expected_after=$(serial_of "$CERT_DIR/server-rsa.crt") reload_line=$((1 - signalled))"

# served_tls12: ok when a TLS 1.2-only client completes a handshake, refused otherwise
served_tls12() { openssl s_client -brief -connect "127.0.0.1:$DUT_PORT" -servername "$SERVER_NAME" -CAfile "$CERT_DIR/ca.crt" \
                   -tls1_2 </dev/null 2>&1 | grep -q '^CONNECTION ESTABLISHED' && echo ok || echo refused; }
tls12_before=$(served_tls12)
sed -i 's/set ssl-min-version tls-1.2/set ssl-min-version tls-1.3/' "$SIP_ALG_CONFIG_RENDERED"
hangup "sip-alg: reloaded "; signalled=$?
tls12_after=$(served_tls12)
[[ "$signalled" == 0 && "$tls12_before" == ok && "$tls12_after" == refused ]]
check profile $? "tls1_2_before=$tls12_before tls1_2_after=$tls12_after reload_line=$((1 - signalled))"

cp "$CERT_DIR/wrong-server.crt" "$live/server.crt"   # not the key's certificate
hangup "failed, the running configuration stays"; refused=$?
kept=$(served)
[[ "$refused" == 0 && "$kept" == "$rotated" ]]
check refused $? "served=$kept refusal_line=$((1 - refused)) $(grep -m1 -o 'failed, the running configuration stays: .*' "$DUT_LOG" | cut -c1-160)"

alive=$(dut_alive)
[[ "$alive" == yes ]]
check alive $? "dut_alive=$alive (after the three reloads)"
stop_tracked
echo "$((4 - fails)) passed, $fails failed"
exit "$fails"
