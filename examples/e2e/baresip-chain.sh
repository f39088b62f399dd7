#!/usr/bin/env bash
# Chain C, a real phone: baresip (native TLS, OpenSSL) -TLS-> [DUT :5061] -TLS-> kamailio :5062
#   (registrar; relays everything else) -TLS-> stunnel server :5071 -TCP-> sipp UAS :15071 (INVITE)
#   ./baresip-chain.sh
# baresip presents client.pem, verifies the DUT (ca.crt, name sip.example.test), REGISTERs through the DUT
# (outbound proxy), dials sip:bob@sip.example.test (an INVITE with its own SDP offer: PCMU, RTP port,
# c= address), holds the call BS_CALL_S seconds, then quits: BYE, then an un-REGISTER. Nothing here is
# scripted SIP: the messages are a real user agent's, so this is the check of the ALG's SDP, Contact and
# Via handling against what a phone really sends.
# Output (stdout), one key=value line per check:
#   check=baresip-chain-register result=PASS|FAIL    baresip's REGISTER got its 200 through the DUT
#   check=baresip-chain-call     result=PASS|FAIL    the call was established (200 to the INVITE, ACK)
#   check=baresip-chain-uas      result=PASS|FAIL    uas_ok=1 uas_failed=0: INVITE, ACK and BYE reached it
#   check=baresip-chain-alg      result=PASS|FAIL    (sip-alg only) in=forwarded=11, dropped=0, active=0,
#                                                    the call summary says completed, 2 SDP media pinholes
# Env: BS_CALL_S (4) BS_PORT (5090) BS_TRACE=1 (baresip -s: every SIP message in baresip.log) DUT_CMD DUT RUN_DIR CERT_DIR. Exit status: number of failed checks.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_cmd baresip; require_cmd "$SIPP"; require_cmd stunnel4; require_cmd kamailio; require_cmd envsubst
require_certs
export BS_PORT="${BS_PORT:-5090}" BS_USER=alice BS_DOMAIN="$SERVER_NAME" BS_REGISTRAR="127.0.0.1:$DUT_PORT" \
       BS_REGINT=60 RUN_DIR CERT_DIR
call_s="${BS_CALL_S:-4}"; require_uint BS_CALL_S "$call_s"; require_port_free "$BS_PORT"
log "=== chain C: baresip -> DUT $(dut_name) -> kamailio (registrar, relay) -> stunnel -> sipp UAS; run dir $RUN_DIR"
# The UAS's Contact names the DUT's address, as a server's does when only the ALG is reachable from
# the phone: ACK and BYE (sent to the remote target; nothing record-routes) then go through the DUT too.
UAS_CONTACT_PORT="$DUT_PORT" sipp_uas_start "$UAS_TCP_PORT" invite-uas
# kamailio is this stunnel's TLS client and presents no certificate (the DUT-to-kamailio leg is the
# mutual-TLS one here)
REQUIRE_CLIENT_CERT=0 stunnel_server "$UAS_TLS_PORT" "$UAS_TCP_PORT"
KAM_RELAY=1 kamailio_start good
dut_start C "127.0.0.1:$KAM_PORT"

cfg="$RUN_DIR/baresip"; mkdir -p "$cfg"; : >"$cfg/contacts"
vars='${BS_PORT} ${BS_USER} ${BS_DOMAIN} ${BS_REGISTRAR} ${BS_REGINT} ${RUN_DIR} ${CERT_DIR}'
envsubst "$vars" <"$E2E_DIR/conf/baresip/config.in" >"$cfg/config"
envsubst "$vars" <"$E2E_DIR/conf/baresip/accounts.in" >"$cfg/accounts"
# -t: quit after that many seconds (hanging up and un-REGISTERing); stdin from a pipe kept open by sleep
# so the console module does not quit on EOF first
secs=$((call_s + 3))
timeout -k 5 $((secs + 15)) baresip ${BS_TRACE:+-s} -f "$cfg" -t "$secs" -e "/dial sip:bob@$SERVER_NAME" \
    < <(sleep $((secs + 10))) >"$RUN_DIR/baresip.log" 2>&1 &
BP=$!; track "$BP"; wait "$BP"; bs_rc=$?
nap 0.5   # the un-REGISTER's answer and the last BYE reach the UAS before it is stopped
alive=$(dut_alive)
fails=0
check() { # NAME CONDITION-RESULT(0|1) DETAILS
  local v=PASS; (($2 == 0)) || { v=FAIL; fails=$((fails + 1)); }
  echo "check=baresip-chain-$1 result=$v $3"
}
grep -q "200 OK" "$RUN_DIR/baresip.log"; check register $? "baresip_rc=$bs_rc dut_alive=$alive"
grep -q "Call established" "$RUN_DIR/baresip.log"; check call $? "dut_alive=$alive"
stop_tracked   # sipp UAS prints its final counts on SIGTERM; the DUT its final counters
counts=$(uas_counts)
[[ "$(kv uas_ok "$counts")" == 1 && "$(kv uas_failed "$counts")" == 0 && "$alive" == yes ]]; check uas $? "$counts dut_alive=$alive"
# sip-alg only: its accounting and its view of the call. The 11 messages: REGISTER 200, INVITE 100 180
# 200, ACK, BYE 200, un-REGISTER 200. The call summary must say the call completed, and the SDP of the
# offer and of the answer must each have opened a media pinhole.
alg=$(dut_final_counters)
if [[ -n "$alg" ]]; then
  result=$(grep -o 'inspect.calls - call .* result=[a-z]*' "$DUT_LOG" | sed 's/.*result=//' | tail -1)
  sdp=$(grep -c 'pinhole OPEN udp .*(sdp, ' "$DUT_LOG" || true)
  [[ "$(kv dropped "$alg")" == 0 && "$(kv in "$alg")" == 11 && "$(kv forwarded "$alg")" == 11 \
     && "$(kv active "$alg")" == 0 && "$result" == completed && "$sdp" == 2 ]]
  check alg $? "call=${result:-none} sdp_pinholes=$sdp expected_messages=11 $alg"
fi
((fails == 0)) || log "chain C FAILED: baresip $RUN_DIR/baresip.log, DUT $DUT_LOG, kamailio $RUN_DIR/kamailio-good.log, UAS $RUN_DIR/uas.out (TRACE=1 for sipp message logs)"
exit "$fails"
