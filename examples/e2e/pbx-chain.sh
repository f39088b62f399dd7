#!/usr/bin/env bash
# Chain D, an IP-PBX behind the ALG: pbx.py (two devices of one user over ONE TLS connection, from
#   127.0.0.6) -TLS-> [DUT 127.0.0.1:5061] -TLS-> kamailio 127.0.0.3:5062 (registrar; forks calls)
#   and a caller: sipp UAC -TCP-> stunnel -TLS-> kamailio
#   ./pbx-chain.sh
# The devices' Contacts differ only in their port, so the ALG's NAT makes them identical but for the
# register-contact-trace parameter (x-sipalg-orig), which the sip-alg DUT's profile enables here (a
# copy of SIP_ALG_CONFIG with `set register-contact-trace enable`). Kamailio keeps two bindings and
# forks a call to alice to both, over the ALG's one upstream connection: each INVITE must reach its
# device with that device's Contact as Request-URI (the parameter removed), and each CANCEL with its
# INVITE's. Without the trace parameter routing, both branches went to the device registered last.
# Two calls, each forked to both devices: the first (scenarios/call-cancelled-uac.xml) is cancelled on
# the 180 the first device sends (the PBX answers each CANCEL: 200, 487); the second
# (call-answered-twice-uac.xml) both devices answer, so one Call-ID has two dialogs whose requests
# all name the ALG's outside address: the caller ACKs each 200 and sends a BYE in each dialog, and
# each must reach its own device (the ALG routes by the phone's tag in To). A third call
# (call-early-prack-uac.xml) has two early dialogs: each device sends a reliable 183 (RFC 3262) in
# turn, the caller PRACKs each, and each PRACK must reach the device of its dialog; the first device
# then answers, kamailio cancels the other branch, and the caller ACKs and hangs up.
# Output (stdout), one key=value line per check:
#   check=pbx-chain-register  result=PASS|FAIL  both devices registered (kamailio's digest challenge
#                             answered) and the answer to the REGISTER listed each device's Contact as
#                             the device wrote it (register_answer=restored)
#   check=pbx-chain-forked    result=PASS|FAIL|INFO  the caller's cancelled call completed (uac_ok=1); the
#                             PBX got one INVITE per device, each to its own Contact, no x-sipalg-orig in
#                             any Request-URI, each CANCEL to its INVITE's Request-URI, an ACK per 487.
#                             INFO for other DUTs than sip-alg (a plain relay leaves the Contacts alone:
#                             kamailio then tries to reach the devices around it)
#   check=pbx-chain-answered  result=PASS|FAIL|INFO  the call both devices answered completed on the caller's
#                             side (uac2_ok=1) and every ACK and BYE reached the device of its dialog
#                             (dialog_requests_match=yes); INFO for other DUTs than sip-alg
#   check=pbx-chain-early     result=PASS|FAIL|INFO  the call with two reliable early dialogs completed on the
#                             caller's side (uac3_ok=1) and each PRACK reached the device of its dialog
#                             with that device's RSeq (prack_requests_match=yes), as did the answered
#                             dialog's ACK and BYE and the other branch's CANCEL and ACK
#                             (early_call_requests_match=yes); INFO for other DUTs than sip-alg
#   check=pbx-chain-alg       result=PASS|FAIL  (sip-alg only) in = forwarded = the messages in the
#                             PBX's trace, dropped 0, active 0
# Env: PBX_ADDR (127.0.0.6) PBX_PORTS (5070,5072) DUT DUT_CMD SIP_ALG_CONFIG RUN_DIR CERT_DIR TRACE=1.
# Exit status: number of failed checks.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_cmd python3; require_cmd "$SIPP"; require_cmd stunnel4; require_cmd kamailio; require_cmd envsubst
require_certs
KAM_ADDR=127.0.0.3; OUTSIDE_ADDR=127.0.0.4
PBX_ADDR="${PBX_ADDR:-127.0.0.6}"; PBX_PORTS="${PBX_PORTS:-5070,5072}"; require_loopback "$PBX_ADDR"
export SIP_ALG_CHAIN_ARGS="--upstream-source $OUTSIDE_ADDR" KAM_AUTH_PASS="${KAM_AUTH_PASS:-alg-test-secret}"
alg=no; [[ -z "${DUT_CMD:-}" && "${DUT:-haproxy}" == sip-alg ]] && alg=yes
if [[ "$alg" == yes ]]; then
  [[ -n "${SIP_ALG_CONFIG:-}" && -f "$SIP_ALG_CONFIG" ]] || die "DUT=sip-alg needs SIP_ALG_CONFIG=FILE"
  # every profile of the copy traces the REGISTER Contact (the option of the `config sip` block)
  sed -e '/set register-contact-trace /d' -e 's/^\( *\)config sip$/&\n\1    set register-contact-trace enable/' \
      "$SIP_ALG_CONFIG" >"$RUN_DIR/sip-alg-pbx.conf.in"
  grep -q 'set register-contact-trace enable' "$RUN_DIR/sip-alg-pbx.conf.in" \
    || die "SIP_ALG_CONFIG has no 'config sip' block to enable register-contact-trace in"
  export SIP_ALG_CONFIG="$RUN_DIR/sip-alg-pbx.conf.in"
fi
log "=== chain D: pbx.py ($PBX_ADDR, devices $PBX_PORTS) -> DUT $(dut_name) -> kamailio (registrar, forks); run dir $RUN_DIR"
KAM_ADDR="$KAM_ADDR" KAM_RELAY=1 KAM_AUTH=1 kamailio_start good
dut_start D "$KAM_ADDR:$KAM_PORT"
stunnel_client "$UAC_PLAIN_PORT" "$KAM_ADDR:$KAM_PORT"   # the caller reaches kamailio

CHECK_PREFIX=pbx-chain
ready="$RUN_DIR/pbx.ready"; rm -f "$ready"
# pbx_signals FILE: until the PBX creates FILE (10 s at most, or until it exits)
pbx_signals() { local i; for ((i = 0; i < 100; i++)); do [[ -e "$1" ]] && return 0; kill -0 "$PBX" 2>/dev/null || { [[ -e "$1" ]]; return; }; nap 0.1; done; return 1; }
python3 "$E2E_DIR/pbx.py" --dut "127.0.0.1:$DUT_PORT" --bind "$PBX_ADDR" --ports "$PBX_PORTS" \
    --domain "$SERVER_NAME" --server-name "$SERVER_NAME" --password "$KAM_AUTH_PASS" \
    --ca "$CERT_DIR/ca.crt" --cert "$CERT_DIR/client.pem" --log "$RUN_DIR/pbx.log" --ready "$ready" \
    --calls cancelled,answered,early --timeout 30 >"$RUN_DIR/pbx.out" 2>&1 &
PBX=$!; track "$PBX"
res="uac_ok=0 (not run: the devices did not register)"; res2="uac2_ok=0 (not run)"; res3="uac3_ok=0 (not run)"
if pbx_signals "$ready"; then
  res=$(UAC_SERVICE=alice sipp_uac_run "$UAC_PLAIN_PORT" "$E2E_DIR/scenarios/call-cancelled-uac.xml" t1 1 1 D-fork)
  if pbx_signals "$ready.answered"; then
    res2=$(UAC_SERVICE=alice sipp_uac_run "$UAC_PLAIN_PORT" "$E2E_DIR/scenarios/call-answered-twice-uac.xml" t1 1 1 D-answered \
      | sed 's/\buac_/uac2_/g')
  fi
  if pbx_signals "$ready.early"; then
    res3=$(UAC_SERVICE=alice sipp_uac_run "$UAC_PLAIN_PORT" "$E2E_DIR/scenarios/call-early-prack-uac.xml" t1 1 1 D-early \
      | sed 's/\buac_/uac3_/g')
  fi
fi
wait "$PBX"; pbx_rc=$?
pbx=$(tail -1 "$RUN_DIR/pbx.out")
[[ "$(kv registered "$pbx")" == yes && "$(kv register_answer "$pbx")" == restored ]]
check register $? "$(kv registered "$pbx" | sed 's/^/registered=/') register_answer=$(kv register_answer "$pbx")"
if [[ "$alg" == yes ]]; then
  [[ "$(kv targets_match "$pbx")" == yes && "$(kv cancel_ruri_matches "$pbx")" == yes \
     && "$(kv trace_param_seen "$pbx")" == no && "$(kv uac_ok "$res")" == 1 ]]
  check forked $? "$pbx $res"
  [[ "$pbx_rc" == 0 && "$(kv dialog_requests_match "$pbx")" == yes && "$(kv uac2_ok "$res2")" == 1 ]]
  check answered $? "answered=$(kv answered "$pbx") dialog_acks=$(kv dialog_acks "$pbx") dialog_byes=$(kv dialog_byes "$pbx") dialog_requests_match=$(kv dialog_requests_match "$pbx") $res2"
  [[ "$pbx_rc" == 0 && "$(kv prack_requests_match "$pbx")" == yes && "$(kv early_call_requests_match "$pbx")" == yes \
     && "$(kv uac3_ok "$res3")" == 1 ]]
  check early $? "early_dialogs=$(kv early_dialogs "$pbx") pracks=$(kv pracks "$pbx") prack_requests_match=$(kv prack_requests_match "$pbx") early_call_requests_match=$(kv early_call_requests_match "$pbx") $res3"
else
  echo "check=pbx-chain-forked result=INFO $pbx $res (not an ALG: the devices' Contacts are not rewritten)"
  echo "check=pbx-chain-answered result=INFO $res2 (not an ALG)"
  echo "check=pbx-chain-early result=INFO $res3 (not an ALG)"
fi
alive=$(dut_alive)
stop_tracked   # the DUT prints its final counters on SIGTERM
counters=$(dut_final_counters)
if [[ -n "$counters" ]]; then
  seen=$(grep -c '^TLS ' "$RUN_DIR/pbx.log" || true)
  [[ "$(kv dropped "$counters")" == 0 && "$(kv in "$counters")" == "$seen" \
     && "$(kv forwarded "$counters")" == "$seen" && "$(kv active "$counters")" == 0 && "$alive" == yes ]]
  check alg $? "messages_in_pbx_trace=$seen dut_alive=$alive $counters"
fi
((fails == 0)) || log "chain D FAILED: PBX $RUN_DIR/pbx.{out,log}, DUT $DUT_LOG, kamailio $RUN_DIR/kamailio-good.log, UAC $RUN_DIR/uac-D-{fork,answered,early}.out (TRACE=1 for sipp message logs)"
exit "$fails"
