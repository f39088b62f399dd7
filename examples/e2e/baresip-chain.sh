#!/usr/bin/env bash
# Chain C, a real phone: baresip 1.0 (native TLS, OpenSSL) -TLS-> [DUT 127.0.0.1:5061] -TLS-> kamailio
#   127.0.0.3:5062 (registrar; relays calls) -TLS-> stunnel 127.0.0.1:5071 -TCP-> sipp UAS :15071
#   ./baresip-chain.sh
# Four phases, one DUT process. Nothing the phones send is scripted: these are a real user agent's
# messages (Contact, Via, SDP offers and answers, digest credentials), so this checks the ALG's NAT of them.
#   outgoing  baresip (presents client.pem, verifies the DUT against ca.crt and sip.example.test)
#             registers through the DUT (kamailio challenges it: 401, then the REGISTER with credentials),
#             calls sip:bob@sip.example.test (407, ACK, the INVITE with credentials; kamailio relays the
#             call to the sipp UAS, whose Contact names the DUT's address, as a server's does when only
#             the ALG is reachable, so ACK and BYE pass the DUT too), holds it BS_CALL_S (4) s, hangs up
#             and un-registers. Digest authentication through the ALG: the Request-URI and the other
#             fields the digest covers must arrive as the phone wrote them.
#   incoming  baresip registers again (auto-answer); a sipp UAC (scenarios/call-registered-uac.xml, via
#             stunnel to kamailio) calls alice: kamailio sends the INVITE to the Contact alice registered.
#             Through an ALG that Contact is the ALG's outside address and port, i.e. its upstream
#             connection, so the INVITE, and the ACK and BYE that follow the route set, must reach the
#             phone through the DUT. A plain TCP relay (haproxy) leaves the phone's own Contact in place:
#             kamailio then reaches the phone directly, around the DUT (reported as INFO, not judged).
#   cancelled baresip registers again (manual answer: it rings); a sipp UAC (call-cancelled-uac.xml)
#             calls alice and cancels on the 180.
#   hairpin   two baresip phones behind the ALG (alice 127.0.0.2, bob 127.0.0.5, two sessions): alice
#             calls bob, holds, resumes (re-INVITEs with new SDP) and hangs up, driven through its UDP
#             console (cons module, 127.0.0.2:5555). kamailio advertises the DUT's address, so every
#             request of the call, both ways, passes the ALG twice (each phone's session).
# The sip-alg DUT binds its upstream connections to 127.0.0.4 (--upstream-source): the phone, kamailio
# and the ALG's outside address must be different addresses for NAT to mean anything on one loopback.
# Output (stdout), one key=value line per check:
#   check=baresip-chain-register      result=PASS|FAIL  the phone's REGISTER got its 200 through the DUT
#   check=baresip-chain-call          result=PASS|FAIL  the outgoing call was established
#   check=baresip-chain-uas           result=PASS|FAIL  uas_ok=1 uas_failed=0: INVITE, ACK and BYE reached it
#   check=baresip-chain-incoming      result=PASS|FAIL|INFO  the sipp call to alice completed (uac_ok=1) and
#                                     its INVITE reached the phone from the DUT (via_dut=yes); INFO for
#                                     other DUTs than sip-alg
#   check=baresip-chain-cancelled     result=PASS|FAIL|INFO  a call to alice cancelled while it rings: 180,
#                                     CANCEL 200, 487, ACK (uac_ok=1); the CANCEL came from the DUT and
#                                     INVITE, CANCEL and ACK reached the phone with one Request-URI
#   check=baresip-chain-hairpin       result=PASS|FAIL|INFO  bob answered; alice's hold, resume and hangup each
#                                     completed (steps=hung-up); bob got all 3 INVITEs from the DUT
#   check=baresip-chain-alg           result=PASS|FAIL  (sip-alg only) in = forwarded = the messages in the
#                                     phones' traces, dropped 0, active 0, four call summaries saying
#                                     completed (the hairpin call in both sessions), every SDP media
#                                     pinhole opened also closed
# Env: BS_CALL_S (4) BS_PORT (5090) BS_ADDR (127.0.0.2) DUT_CMD DUT RUN_DIR CERT_DIR TRACE=1 (sipp logs).
# Exit status: number of failed checks.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_cmd baresip; require_cmd "$SIPP"; require_cmd stunnel4; require_cmd kamailio; require_cmd envsubst
require_certs
KAM_ADDR=127.0.0.3; OUTSIDE_ADDR=127.0.0.4
export BS_ADDR="${BS_ADDR:-127.0.0.2}" BS_PORT="${BS_PORT:-5090}" BS_USER=alice BS_DOMAIN="$SERVER_NAME" \
       BS_REGISTRAR="127.0.0.1:$DUT_PORT" BS_REGINT=60 RUN_DIR CERT_DIR
export SIP_ALG_CHAIN_ARGS="--upstream-source $OUTSIDE_ADDR" KAM_AUTH_PASS="${KAM_AUTH_PASS:-alg-test-secret}"
export BS_AUTH_PASS="$KAM_AUTH_PASS" BS_ANSWERMODE=auto
call_s="${BS_CALL_S:-4}"; require_uint BS_CALL_S "$call_s"; require_loopback "$BS_ADDR"
require_port_free "$BS_PORT"; require_port_free "$((BS_PORT + 1))"
log "=== chain C: baresip -> DUT $(dut_name) -> kamailio (registrar, relay) -> stunnel -> sipp UAS; run dir $RUN_DIR"
UAS_CONTACT_PORT="$DUT_PORT" sipp_uas_start "$UAS_TCP_PORT" invite-uas
# kamailio is this stunnel's TLS client and presents no certificate (the DUT-to-kamailio leg is the
# mutual-TLS one here)
REQUIRE_CLIENT_CERT=0 stunnel_server "$UAS_TLS_PORT" "$UAS_TCP_PORT"
# kamailio advertises the DUT's address (Record-Route, Via), as a server known to its phones by the
# ALG's address does: then the phones' in-dialog requests of a record-routed call come to the DUT too
KAM_ADDR="$KAM_ADDR" KAM_RELAY=1 KAM_AUTH=1 KAM_ADVERTISE="127.0.0.1:$DUT_PORT" kamailio_start good
dut_start C "$KAM_ADDR:$KAM_PORT"
stunnel_client "$UAC_PLAIN_PORT" "$KAM_ADDR:$KAM_PORT"   # the incoming call's caller reaches kamailio

CHECK_PREFIX=baresip-chain
# phone NAME SECONDS [baresip args...]: one baresip run, SIP trace (-s) in $RUN_DIR/baresip-NAME.log (BS_LOG),
# in the background (BP); it quits after SECONDS (hanging up, un-registering). Who it is comes from BS_USER,
# BS_ADDR, BS_PORT, BS_ANSWERMODE; BS_CONSOLE=ADDR:PORT adds the UDP console (cons module). stdin is a
# pipe kept open by sleep so its stdio console does not quit on EOF first.
phone() {
  local name="$1" secs="$2" cfg="$RUN_DIR/baresip-$1"; shift 2
  mkdir -p "$cfg"; : >"$cfg/contacts"
  local vars='${BS_ADDR} ${BS_PORT} ${BS_USER} ${BS_DOMAIN} ${BS_REGISTRAR} ${BS_REGINT} ${BS_AUTH_PASS} ${BS_ANSWERMODE} ${RUN_DIR} ${CERT_DIR}'
  envsubst "$vars" <"$E2E_DIR/conf/baresip/config.in" >"$cfg/config"
  envsubst "$vars" <"$E2E_DIR/conf/baresip/accounts.in" >"$cfg/accounts"
  [[ -z "${BS_CONSOLE:-}" ]] || printf 'module\t\t\tcons.so\ncons_listen\t\t%s\n' "$BS_CONSOLE" >>"$cfg/config"
  BS_LOG="$RUN_DIR/baresip-$name.log"
  timeout -k 5 $((secs + 15)) baresip -s -f "$cfg" -t "$secs" "$@" < <(sleep $((secs + 10))) >"$BS_LOG" 2>&1 &
  BP=$!; track "$BP"
}

# --- outgoing
phone out $((call_s + 3)) -e "/dial sip:bob@$SERVER_NAME"
wait "$BP"; rc=$?
grep -q "registered successfully" "$BS_LOG"; check register $? "baresip_rc=$rc dut_alive=$(dut_alive)"
grep -q "Call established" "$BS_LOG"; check call $? "dut_alive=$(dut_alive)"

# --- incoming
phone in 10
for _ in $(seq 100); do grep -q "registered successfully" "$BS_LOG" && break; nap 0.1; done
res=$(UAC_SERVICE=alice sipp_uac_run "$UAC_PLAIN_PORT" "$E2E_DIR/scenarios/call-registered-uac.xml" t1 1 1 C-in)
wait "$BP"
# baresip's trace names the peer a message came from: the DUT's 127.0.0.1:$DUT_PORT, or kamailio directly
via=no; grep -B1 "^INVITE sip:alice" "$BS_LOG" | grep -q "^TLS 127.0.0.1:$DUT_PORT -> " && via=yes
answered=no; grep -q "Call established" "$BS_LOG" && answered=yes
if [[ -z "${DUT_CMD:-}" && "${DUT:-haproxy}" == sip-alg ]]; then
  [[ "$(kv uac_ok "$res")" == 1 && "$via" == yes && "$answered" == yes ]]
  check incoming $? "via_dut=$via phone_answered=$answered $res"
else
  echo "check=baresip-chain-incoming result=INFO via_dut=$via phone_answered=$answered $res (not an ALG: the phone's Contact is not rewritten)"
fi
# --- cancelled: the phone rings (manual answer) and the caller cancels
BS_ANSWERMODE=manual phone cancel 8
for _ in $(seq 100); do grep -q "registered successfully" "$BS_LOG" && break; nap 0.1; done
res=$(UAC_SERVICE=alice sipp_uac_run "$UAC_PLAIN_PORT" "$E2E_DIR/scenarios/call-cancelled-uac.xml" t1 1 1 C-cancel)
wait "$BP"
via=no; grep -B1 "^CANCEL sip:alice" "$BS_LOG" | grep -q "^TLS 127.0.0.1:$DUT_PORT -> " && via=yes
# RFC 3261 9.1: the CANCEL (and the ACK of the 487) name the INVITE's Request-URI (baresip does not
# insist; stricter phones answer 481), so the ALG must translate all three alike
ruris=$(grep -E "^(INVITE|CANCEL|ACK) sip:alice" "$BS_LOG" | awk '{print $2}' | sort -u | wc -l)
same=no; [[ "$ruris" == 1 ]] && same=yes
if [[ -z "${DUT_CMD:-}" && "${DUT:-haproxy}" == sip-alg ]]; then
  [[ "$(kv uac_ok "$res")" == 1 && "$via" == yes && "$same" == yes ]]
  check cancelled $? "cancel_via_dut=$via same_request_uri=$same $res"
else
  echo "check=baresip-chain-cancelled result=INFO cancel_via_dut=$via $res (not an ALG)"
fi
# --- hairpin: alice calls bob, both behind the ALG (two sessions); alice holds, resumes, hangs up
# through baresip's UDP console. Every request of the call, both ways, passes the DUT twice.
# waitfor FILE PATTERN COUNT: until FILE has COUNT lines matching PATTERN (10 s at most)
waitfor() { local i; for ((i = 0; i < 100; i++)); do (( $(grep -c -E "$2" "$1" || true) >= $3 )) && return 0; nap 0.1; done; return 1; }
# console ADDR:PORT COMMAND: one command to a phone's UDP console
console() { printf '%s\n' "$2" >"/dev/udp/${1%:*}/${1#*:}"; }
ALICE_CONSOLE=127.0.0.2:5555 BOB_CONSOLE=127.0.0.5:5556
BS_USER=bob BS_ADDR=127.0.0.5 BS_PORT=5094 BS_CONSOLE=$BOB_CONSOLE phone hairpin-bob 30; BOB=$BP; BOB_LOG=$BS_LOG
waitfor "$BOB_LOG" "registered successfully" 1
BS_CONSOLE=$ALICE_CONSOLE phone hairpin-alice 30 -e "/dial sip:bob@$SERVER_NAME"; ALICE=$BP
steps=none
if waitfor "$BS_LOG" "Call established" 1; then steps=established
  # each re-INVITE is acknowledged with an ACK to bob's Contact once its 200 arrives
  console $ALICE_CONSOLE /hold;   waitfor "$BS_LOG" "^ACK sip:bob" 2 && steps=held
  console $ALICE_CONSOLE /resume; waitfor "$BS_LOG" "^ACK sip:bob" 3 && steps=resumed
  # the BYE and its 200 both carry "CSeq: n BYE"
  console $ALICE_CONSOLE /hangup; waitfor "$BS_LOG" "^CSeq: [0-9]+ BYE" 2 && steps=hung-up
fi
# /quit, not a signal: a quitting baresip waits for the answers to its un-REGISTER before it closes
# its connection (with close_notify), so no answer is left for the ALG to drop
console $ALICE_CONSOLE /quit; console $BOB_CONSOLE /quit
wait "$ALICE"; wait "$BOB"
reinvites=$(grep -B1 -E "^INVITE sip:bob" "$BOB_LOG" | grep -c "^TLS 127.0.0.1:$DUT_PORT -> " || true)
answered=no; grep -q "Call established" "$BOB_LOG" && answered=yes
if [[ -z "${DUT_CMD:-}" && "${DUT:-haproxy}" == sip-alg ]]; then
  [[ "$steps" == hung-up && "$answered" == yes && "$reinvites" == 3 ]]
  check hairpin $? "steps=$steps bob_answered=$answered invites_to_bob_via_dut=$reinvites"
else
  echo "check=baresip-chain-hairpin result=INFO steps=$steps bob_answered=$answered invites_to_bob_via_dut=$reinvites (not an ALG)"
fi

alive=$(dut_alive)
nap 0.5
stop_tracked   # sipp UAS prints its final counts on SIGTERM; the DUT its final counters
counts=$(uas_counts)
[[ "$(kv uas_ok "$counts")" == 1 && "$(kv uas_failed "$counts")" == 0 && "$alive" == yes ]]; check uas $? "$counts dut_alive=$alive"
# sip-alg only: its accounting and its view of the calls. The phone's every message went through the
# DUT (via_dut above; ACK and BYE of the outgoing call by the UAS's Contact), so the phone's own trace
# (baresip -s: one "TLS a -> b" line per message sent or received) says how many the ALG must have
# counted: REGISTER 401 REGISTER 200, INVITE 407 ACK INVITE 100 180 200, ACK, BYE 200, ... Both calls
# completed; every media pinhole an offer or answer opened (the challenged INVITE's too) was closed.
alg=$(dut_final_counters)
if [[ -n "$alg" ]]; then
  seen=$(cat "$RUN_DIR"/baresip-{out,in,cancel,hairpin-alice,hairpin-bob}.log | grep -c '^TLS ' || true)
  done_calls=$(grep -c 'inspect.calls - call .* result=completed' "$DUT_LOG" || true)
  opened=$(grep -c 'pinhole OPEN udp .*(sdp, ' "$DUT_LOG" || true)
  closed=$(grep -c 'pinhole CLOSE udp .*(sdp, ' "$DUT_LOG" || true)
  [[ "$(kv dropped "$alg")" == 0 && "$(kv in "$alg")" == "$seen" && "$(kv forwarded "$alg")" == "$seen" \
     && "$seen" -ge 25 && "$(kv active "$alg")" == 0 && "$done_calls" == 4 && "$opened" -ge 4 \
     && "$opened" == "$closed" ]]
  check alg $? "calls_completed=$done_calls media_pinholes_opened=$opened closed=$closed messages_in_phone_trace=$seen $alg"
fi
((fails == 0)) || log "chain C FAILED: baresip $RUN_DIR/baresip-{out,in}.log, DUT $DUT_LOG, kamailio $RUN_DIR/kamailio-good.log, UAS $RUN_DIR/uas.out, UAC $RUN_DIR/uac-C-in.out (TRACE=1 for sipp message logs)"
exit "$fails"
