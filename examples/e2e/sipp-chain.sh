#!/usr/bin/env bash
# Chain A: sipp UAC -TCP-> stunnel client -TLS-> [DUT :5061] -TLS-> stunnel server :5071 -TCP-> sipp UAS :15071
#   ./sipp-chain.sh [register|invite|FILE-uac.xml FILE-uas.xml]
#     register  scenarios/register-*.xml: REGISTER -> (100) -> 200, one REGISTER per sipp call
#     invite    sipp's built-in uac/uas (INVITE -> 100/180 -> 200, ACK, BYE -> 200), adapted (lib.sh)
#   COUNT calls (1000) at RATE/s (200) per mode in MODES ("t1 tn"): t1 = all calls over one TLS
#   connection to the DUT, tn = one TLS connection (full handshake) per call.
# Mutual TLS on both legs: the UAC stunnel presents client.crt and verifies the DUT (ca.crt, name
# sip.example.test); the UAS stunnel requires the DUT's client cert (REQUIRE_CLIENT_CERT=1, default).
# The DUT is DUT_CMD (default haproxy; see lib.sh dut_start / README.md), started here with
# DUT_UPSTREAM=127.0.0.1:$UAS_TLS_PORT and stopped by PID at the end.
# Output (stdout), one key=value line per check:
#   check=sipp-chain-SCEN-MODE result=PASS|FAIL scenario= mode= count= rate= uac_ok= uac_failed= wall_s= cps= sipp_rc= rtt_ms_p50= ...
#   check=sipp-chain-SCEN-uas  result=PASS|FAIL uas_ok= uas_failed= uas_expected= dut_alive=
# PASS: UAC ok=COUNT failed=0 per mode; UAS ok=COUNT x modes, failed=0; the DUT still alive and listening.
# Exit status: number of failed checks (0 = all passed). Work files: $RUN_DIR (logged).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
scen="${1:-register}"; MODES="${MODES:-t1 tn}"
case "$scen" in
  register|invite) uac="$scen-uac"; uas="$scen-uas" ;;
  *.xml) uac="$scen"; uas="${2:?give FILE-uac.xml FILE-uas.xml}"; scen="$(basename "$scen" .xml)" ;;
  *) die "scenario must be register, invite or two scenario files" ;;
esac
require_uint COUNT "$COUNT"; require_uint RATE "$RATE"
for m in $MODES; do [[ "$m" == t1 || "$m" == tn ]] || die "MODES: t1 and/or tn"; done
export REQUIRE_CLIENT_CERT="${REQUIRE_CLIENT_CERT:-1}"
require_cmd "$SIPP"; require_cmd stunnel4; require_certs
log "=== chain A ($scen): sipp UAC -> stunnel -> DUT $(dut_name) -> stunnel -> sipp UAS; $COUNT calls at $RATE/s, modes: $MODES; run dir $RUN_DIR"
sipp_uas_start "$UAS_TCP_PORT" "$uas"
stunnel_server "$UAS_TLS_PORT" "$UAS_TCP_PORT"
dut_start A "127.0.0.1:$UAS_TLS_PORT"
stunnel_client "$UAC_PLAIN_PORT" "127.0.0.1:$DUT_PORT"
fails=0; n=0
for mode in $MODES; do
  rate=$(mode_rate "$mode")
  res=$(sipp_uac_run "$UAC_PLAIN_PORT" "$uac" "$mode" "$COUNT" "$rate" "A-$scen-$mode")
  n=$((n + 1))
  if [[ "$(kv uac_ok "$res")" == "$COUNT" && "$(kv uac_failed "$res")" == 0 ]]; then v=PASS; else v=FAIL; fails=$((fails + 1))
    log "chain A $scen $mode FAILED: sipp screen $RUN_DIR/uac-A-$scen-$mode.out, stunnel $RUN_DIR/stunnel-uac-tls.log, DUT $DUT_LOG (TRACE=1 for sipp message logs)"
    grep -m1 -E "Error|Broken pipe|Unable|Aborting" "$RUN_DIR/uac-A-$scen-$mode.out" | sed 's/^/  sipp: /' >&2
  fi
  echo "check=sipp-chain-$scen-$mode result=$v scenario=$scen mode=$mode count=$COUNT rate=$rate $res"
done
alive=$(dut_alive)
stop_tracked   # sipp UAS prints its final counts on SIGTERM
counts=$(uas_counts); want=$((COUNT * n))
if [[ "$(kv uas_ok "$counts")" == "$want" && "$(kv uas_failed "$counts")" == 0 && "$alive" == yes ]]; then v=PASS; else v=FAIL; fails=$((fails + 1)); fi
echo "check=sipp-chain-$scen-uas result=$v $counts uas_expected=$want dut_alive=$alive"
# sip-alg only: its own accounting must agree with sipp's. Every message the UAS answered went through
# the ALG both ways: REGISTER + 200 per register call; INVITE 180 200 ACK BYE 200 per invite call.
alg=$(dut_final_counters)
if [[ -n "$alg" ]]; then
  case "$scen" in register) per_call=2 ;; invite) per_call=6 ;; *) per_call=0 ;; esac
  expect=$(( $(kv uas_ok "$counts") * per_call ))
  if [[ "$(kv dropped "$alg")" == 0 && "$(kv in "$alg")" == "$(kv forwarded "$alg")" && "$(kv active "$alg")" == 0 ]] \
     && { ((per_call == 0)) || [[ "$(kv in "$alg")" == "$expect" ]]; }; then v=PASS; else v=FAIL; fails=$((fails + 1)); fi
  echo "check=sipp-chain-$scen-counters result=$v expected_messages=$expect $alg"
fi
exit "$fails"
