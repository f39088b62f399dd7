#!/usr/bin/env bash
# The whole real-peer end-to-end check of a DUT (default: haproxy, the stand-in for sip-alg's runner).
#   ./run-all.sh                     COUNT=1000 RATE=200 (per sipp run), all steps
#   COUNT=200 ./run-all.sh           quicker
#   DUT_CMD='exec java -jar ... run ... --upstream "$DUT_UPSTREAM" --listen "127.0.0.1:$DUT_PORT"' ./run-all.sh
#   DUT=sip-alg SIP_ALG_CONFIG=/path/alg.conf ./run-all.sh      (examples/target/sip-alg.jar, see README.md)
# Steps (STEPS, default all, in this order):
#   sipp-register  sipp-chain.sh register   chain A, REGISTER, t1 + tn, UAS counts
#   sipp-invite    sipp-chain.sh invite     chain A, INVITE/200/ACK/BYE, t1 + tn, UAS counts
#   kamailio       kamailio-chain.sh        chain B: good (t1 + tn), wrongca (all must fail, DUT survives),
#                                           recover (same DUT process serves again)
#   baresip        baresip-chain.sh         chain C: a real phone (baresip, native TLS) registers and places a
#                                           call through the DUT (kamailio registrar -> sipp UAS)
#   pbx            pbx-chain.sh             chain D: an IP-PBX (pbx.py) registers two devices of one user over
#                                           one connection; kamailio forks a call to both through the DUT
#   probes         openssl-probes.sh --with-dut $PROBES_EXPECT
# Each step gets its own DUT process and its own RUN_DIR under this run's directory (logged; KEEP_RUN_DIR=0
# deletes it when everything passed). Output: every check's key=value line as it finishes (stdout), then a
# summary ("PASS|FAIL name" per check) and, as the last line, "N passed, M failed". Exit 0 iff M == 0.
# A step that dies without reporting its checks counts as one failed check (check=STEP result=FAIL error=...).
# Env: COUNT RATE STEPS PROBES_EXPECT DUT_CMD DUT DUT_START_S KEEP_RUN_DIR, and every knob of the steps
#      (MODES WRONG_COUNT WRONG_MODES RECOVER_MODES LIMIT RECV_TIMEOUT_MS KAM_VERIFY_CLIENT TRACE ...)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export COUNT="${COUNT:-1000}" RATE="${RATE:-200}" RATE_TN="${RATE_TN:-${RATE:-200}}"
STEPS="${STEPS:-sipp-register sipp-invite kamailio baresip pbx probes}"
PROBES_EXPECT="${PROBES_EXPECT:-tls1_1=refused tls1_2=ok tls1_3=ok nonpfs=refused nocert=ok cert=ok reneg=refused}"
TOP="$(mktemp -d /tmp/sip-alg-e2e-all.XXXXXX)"
for c in sipp stunnel4 kamailio baresip python3 openssl ss timeout envsubst; do
  command -v "$c" >/dev/null || { echo "$c not installed: run $HERE/install.sh as root" >&2; exit 2; }; done
[[ -n "${DUT_CMD:-}" || "${DUT:-haproxy}" != haproxy ]] || command -v haproxy >/dev/null \
  || { echo "haproxy not installed: run $HERE/install.sh as root" >&2; exit 2; }
"$HERE/make-certs.sh" "${CERT_DIR:-$HERE/certs}" >&2 || exit 2
dut="${DUT:-haproxy}"; [[ -n "${DUT_CMD:-}" ]] && dut=DUT_CMD
printf '[%s] run-all: DUT=%s COUNT=%s RATE=%s steps: %s; logs in %s\n' "$(date +%T)" "$dut" "$COUNT" "$RATE/$RATE_TN" "$STEPS" "$TOP" >&2
# stop the step running now (by its PID) if we are interrupted; its own trap stops what it started
child=""; trap '[[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null; wait 2>/dev/null; exit 130' INT TERM
t0=$(date +%s); lines=()
for step in $STEPS; do
  case "$step" in
    sipp-register) cmd=("$HERE/sipp-chain.sh" register) ;;
    sipp-invite)   cmd=("$HERE/sipp-chain.sh" invite) ;;
    kamailio)      cmd=("$HERE/kamailio-chain.sh") ;;
    baresip)       cmd=("$HERE/baresip-chain.sh") ;;
    pbx)           cmd=("$HERE/pbx-chain.sh") ;;
    probes)        read -r -a exp <<<"$PROBES_EXPECT"; cmd=("$HERE/openssl-probes.sh" --with-dut "${exp[@]}") ;;
    *) echo "unknown step $step (sipp-register sipp-invite kamailio baresip pbx probes)" >&2; exit 2 ;;
  esac
  printf '[%s] step %s ...\n' "$(date +%T)" "$step" >&2
  mkdir -p "$TOP/$step"
  RUN_DIR="$TOP/$step" "${cmd[@]}" >"$TOP/$step.out" 2>"$TOP/$step.log" & child=$!
  wait "$child"; rc=$?; child=""
  n=0
  while IFS= read -r l; do [[ "$l" == check=* ]] || continue; echo "$l"; lines+=("$l"); n=$((n + 1)); done <"$TOP/$step.out"
  if ((rc != 0)) && ! grep -q '^check=.* result=FAIL' "$TOP/$step.out" || ((n == 0)); then
    l="check=$step result=FAIL error=exit_status_$rc log=$TOP/$step.log"; echo "$l"; lines+=("$l")
    tail -5 "$TOP/$step.log" | sed 's/^/  | /' >&2
  fi
done
pass=0; fail=0
echo "=== summary: DUT=$dut COUNT=$COUNT RATE=$RATE wall_s=$(( $(date +%s) - t0 )) cpus=$(nproc) run_dir=$TOP"
for l in "${lines[@]}"; do
  name="${l%% *}"; name="${name#check=}"; res=$(sed -n 's/.* result=\([A-Z]*\).*/\1/p' <<<"$l")
  case "$res" in PASS) pass=$((pass + 1)) ;; FAIL) fail=$((fail + 1)) ;; esac
  printf '%-4s %s\n' "$res" "$name"
done
if ((fail == 0)) && [[ "${KEEP_RUN_DIR:-1}" == 0 ]]; then rm -rf "$TOP"; fi
echo "$pass passed, $fail failed"
((fail == 0))
