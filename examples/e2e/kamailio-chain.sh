#!/usr/bin/env bash
# Chain B: sipp UAC -TCP-> stunnel client -TLS-> [DUT :5061] -TLS-> kamailio TLS registrar :5062
#   ./kamailio-chain.sh [PHASE ...]          default phases: good wrongca recover
#     good     kamailio presents server.crt (ca.crt): COUNT REGISTERs at RATE/s per mode in MODES ("t1 tn");
#              every one must get its 200
#     wrongca  kamailio restarted with wrong-server.crt (same names, signed by the unrelated wrong-ca.crt).
#              The DUT verifies the server against ca.crt, so it must refuse the upstream session:
#              WRONG_COUNT REGISTERs (default min(COUNT,100)) per mode in WRONG_MODES ("tn t1") must ALL
#              fail (no 200 reaches the phone) and the DUT must still be running and listening after
#     recover  kamailio restarted with server.crt again: COUNT REGISTERs per mode in RECOVER_MODES ("tn")
#              through the SAME DUT process must all succeed (it still serves after the refusals)
# The DUT (DUT_CMD, default haproxy with `verify required ca-file ca.crt`) is started once, with
# DUT_UPSTREAM=127.0.0.1:$KAM_PORT, and kept across the phases; kamailio is restarted between them (a new
# process cannot resume the DUT's earlier TLS sessions, so every phase starts with full handshakes).
# Output (stdout), one key=value line per run:
#   check=kamailio-chain-PHASE-MODE result=PASS|FAIL phase= expect=all_ok|all_fail mode= count= rate=
#         uac_ok= uac_failed= wall_s= cps= sipp_rc= rtt_ms_p50=.. dut_alive=yes|no kam_tls_errors=N
#   (kam_tls_errors: "TLS accept:error" lines kamailio logged during the run = TLS handshakes it saw fail,
#    e.g. on the DUT's "unknown ca" alert; haproxy retries a failed upstream connect 3 times -> 4 per REGISTER)
# Env: COUNT RATE MODES WRONG_COUNT WRONG_MODES RECOVER_MODES KAM_VERIFY_CLIENT=1 (kamailio requires the
#      DUT's client cert; then it accepts only ~150 new TLS connections/s here) DUT_CMD DUT RUN_DIR CERT_DIR
# Exit status: number of failed checks.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
phases=("$@"); ((${#phases[@]})) || phases=(good wrongca recover)
MODES="${MODES:-t1 tn}"; WRONG_MODES="${WRONG_MODES:-tn t1}"; RECOVER_MODES="${RECOVER_MODES:-tn}"
require_uint COUNT "$COUNT"; require_uint RATE "$RATE"
WRONG_COUNT="${WRONG_COUNT:-$((COUNT < 100 ? COUNT : 100))}"; require_uint WRONG_COUNT "$WRONG_COUNT"
for m in $MODES $WRONG_MODES $RECOVER_MODES; do [[ "$m" == t1 || "$m" == tn ]] || die "modes: t1 and/or tn"; done
for p in "${phases[@]}"; do [[ "$p" =~ ^(good|wrongca|recover)$ ]] || die "phases: good wrongca recover"; done
require_cmd "$SIPP"; require_cmd stunnel4; require_cmd kamailio; require_certs
log "=== chain B: sipp UAC -> stunnel -> DUT $(dut_name) -> kamailio TLS registrar; phases: ${phases[*]}; run dir $RUN_DIR"
fails=0; DUT_PID=""

for phase in "${phases[@]}"; do
  case "$phase" in
    good)    certs=good;    count=$COUNT;       modes=$MODES;         expect=all_ok ;;
    wrongca) certs=wrongca; count=$WRONG_COUNT; modes=$WRONG_MODES;   expect=all_fail ;;
    recover) certs=good;    count=$COUNT;       modes=$RECOVER_MODES; expect=all_ok ;;
  esac
  kamailio_start "$certs"
  if [[ -z "$DUT_PID" ]]; then
    dut_start B "127.0.0.1:$KAM_PORT"
    stunnel_client "$UAC_PLAIN_PORT" "127.0.0.1:$DUT_PORT"
  fi
  klog="$RUN_DIR/kamailio-$certs.log"; k0=$(grep -c "TLS accept:error" "$klog" 2>/dev/null || true)
  for mode in $modes; do
    if [[ "$(dut_alive)" != yes ]]; then
      echo "check=kamailio-chain-$phase-$mode result=FAIL phase=$phase expect=$expect mode=$mode count=$count error=dut_not_running dut_alive=no"
      fails=$((fails + 1)); continue
    fi
    rate=$(mode_rate "$mode")
    res=$(sipp_uac_run "$UAC_PLAIN_PORT" register-uac "$mode" "$count" "$rate" "B-$phase-$mode")
    nap 0.5   # let a crash of the DUT (if the refusal made it die) show before the liveness check
    alive=$(dut_alive); ok=$(kv uac_ok "$res"); bad=$(kv uac_failed "$res")
    k1=$(grep -c "TLS accept:error" "$klog" 2>/dev/null || true)
    if [[ "$expect" == all_ok ]]; then want_ok=$count; want_bad=0; else want_ok=0; want_bad=$count; fi
    if [[ "$ok" == "$want_ok" && "$bad" == "$want_bad" && "$alive" == yes ]]; then v=PASS; else v=FAIL; fails=$((fails + 1))
      log "chain B $phase $mode FAILED (expected $expect): sipp $RUN_DIR/uac-B-$phase-$mode.out, DUT $DUT_LOG, kamailio $klog"
    fi
    echo "check=kamailio-chain-$phase-$mode result=$v phase=$phase expect=$expect mode=$mode count=$count rate=$rate $res dut_alive=$alive kam_tls_errors=$((k1 - k0))"
    k0=$k1
  done
  stop_pid "$KAM_PID"
done
exit "$fails"
