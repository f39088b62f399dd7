#!/usr/bin/env bash
# Loopback end-to-end load (issue 8): the same SIPp REGISTER load through three relays, alternating
# in one run, measuring throughput, failures and the relay's CPU time.
#
#   sipp UAC -TCP-> stunnel client -TLS-> [ RELAY 127.0.0.1:5061 ] -TLS-> stunnel server :5071 -TCP-> sipp UAS
#
#   RELAY = sip-alg   the project's runner (examples/target/sip-alg.jar run, copied at start so a
#                     concurrent build cannot swap it mid-run), config examples/e2e/conf/sip-alg.conf.in
#           haproxy   haproxy 2.6, TCP mode, TLS on both sides (examples/e2e/haproxy-dut.sh)
#           kamailio  kamailio 5.6 as a stateful SIP TLS proxy (conf/kamailio-proxy.cfg.in)
#
# Each (round, relay): start the relay, WARMUP_COUNT calls (discarded: JIT, caches), then COUNT calls
# at RATE/s in MODE (t1 = all calls over one TLS connection; tn = a new connection, i.e. full
# handshakes, per call); read utime+stime of the relay's whole process tree from /proc/PID/stat
# before and after the measured calls; stop the relay by PID. One sipp call = one REGISTER
# transaction (REGISTER -> 200).
#
# Output (stdout): one line per measurement
#   result dut=NAME round=N mode= rate= count= uac_ok= uac_failed= wall_s= cps= ... cpu_s= cpu_ms_per_tx=
# then "summary dut=NAME runs= cps_median= cps_min= cps_max= failed_total= cpu_ms_per_tx_median= ..."
#
# Env: DUTS ("sip-alg haproxy kamailio"), ROUNDS (3), RATE (300), COUNT (6000), WARMUP_COUNT (3000),
#      MODE (t1), SIP_ALG_JVM_ARGS, SIP_ALG_THREADS (1), HAP_THREADS (1),
#      RUNNER_JFR=DIR (record the sip-alg runner with JFR, settings=profile, and dump
#      DIR/runner-ROUND.jfr with jcmd just before stopping it), and everything
#      examples/e2e/lib.sh reads (ports, CERT_DIR, RUN_DIR, LIMIT, RECV_TIMEOUT_MS, MAX_LIFE ...).
# Loopback only; every process runs under coreutils timeout and is stopped by PID (lib.sh).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# our defaults first: lib.sh sets its own COUNT/RATE (1000, 200) when they are unset
DUTS="${DUTS:-sip-alg haproxy kamailio}"; ROUNDS="${ROUNDS:-3}"; MODE="${MODE:-t1}"
RATE="${RATE:-300}"; COUNT="${COUNT:-6000}"; WARMUP_COUNT="${WARMUP_COUNT:-3000}"
. "$REPO/examples/e2e/lib.sh"
require_uint ROUNDS "$ROUNDS"; require_uint RATE "$RATE"; require_uint COUNT "$COUNT"
[[ "$MODE" == t1 || "$MODE" == tn ]] || die "MODE: t1 or tn"
require_cmd "$SIPP"; require_cmd stunnel4; require_certs
CLK_TCK=$(getconf CLK_TCK)
UPSTREAM="127.0.0.1:$UAS_TLS_PORT"; require_loopback "$UPSTREAM"

for d in $DUTS; do
  case "$d" in
    sip-alg)
      [[ -f "$REPO/examples/target/sip-alg.jar" ]] || die "build the runner first: mvn -B -q package -DskipTests"
      cp "$REPO/examples/target/sip-alg.jar" "$RUN_DIR/sip-alg.jar"
      export SIP_ALG_JAR="$RUN_DIR/sip-alg.jar" SIP_ALG_CONFIG="$REPO/examples/e2e/conf/sip-alg.conf.in"
      export SIP_ALG_ARGS="${SIP_ALG_ARGS:---upstream-name $SERVER_NAME --threads ${SIP_ALG_THREADS:-1}}"
      if [[ -n "${RUNNER_JFR:-}" ]]; then
        mkdir -p "$RUNNER_JFR"; require_cmd jcmd
        export SIP_ALG_JVM_ARGS="${SIP_ALG_JVM_ARGS:-} -XX:StartFlightRecording=name=relay,settings=profile"
      fi ;;
    haproxy) require_cmd haproxy ;;
    kamailio) require_cmd kamailio; require_cmd envsubst ;;
    *) die "unknown relay '$d' (sip-alg haproxy kamailio)" ;;
  esac
done

# kamailio_proxy_start -> DUT_PID (tracked): kamailio as the relay on DUT_PORT
kamailio_proxy_start() {
  local m vars
  require_port_free "$DUT_PORT"
  for m in /usr/lib/*/kamailio/modules; do [[ -f "$m/tls.so" ]] && break; done
  [[ -f "$m/tls.so" ]] || die "kamailio tls module missing (apt-get install kamailio-tls-modules)"
  export DUT_PORT DUT_UPSTREAM="$UPSTREAM" KAM_MPATH="$m/" RUN_DIR CERT_DIR SERVER_NAME
  vars='${DUT_PORT} ${DUT_UPSTREAM} ${KAM_MPATH} ${RUN_DIR} ${CERT_DIR} ${SERVER_NAME}'
  envsubst "$vars" <"$HERE/conf/kamailio-proxy.cfg.in" >"$RUN_DIR/kamailio-proxy.cfg"
  envsubst "$vars" <"$HERE/conf/kamailio-proxy-tls.cfg.in" >"$RUN_DIR/kamailio-proxy-tls.cfg"
  kamailio -c -f "$RUN_DIR/kamailio-proxy.cfg" >"$RUN_DIR/kamailio-proxy-check.log" 2>&1 \
    || { tail -20 "$RUN_DIR/kamailio-proxy-check.log" >&2; die "kamailio proxy config check failed"; }
  DUT_LOG="$RUN_DIR/dut-kamailio.log"
  timeout -k 5 "$MAX_LIFE" kamailio -DD -E -f "$RUN_DIR/kamailio-proxy.cfg" -m 256 -M 16 -Y "$RUN_DIR" \
      >>"$DUT_LOG" 2>&1 &
  DUT_PID=$!; track "$DUT_PID"
  wait_port "$DUT_PORT" 15 "$DUT_PID" || { tail -20 "$DUT_LOG" >&2; die "kamailio proxy did not start"; }
  log "relay kamailio (pid $DUT_PID): tls 127.0.0.1:$DUT_PORT -> tls $UPSTREAM"
}

relay_start() { # NAME -> DUT_PID
  case "$1" in
    kamailio) kamailio_proxy_start ;;
    *) DUT="$1" dut_start "$1" "$UPSTREAM" ;;
  esac
}

# tree_pids PID -> PID and all its live descendants
tree_pids() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    {parent[$1]=$2} END {want[root]=1; changed=1
      while (changed) {changed=0; for (p in parent) if (!(p in want) && (parent[p] in want)) {want[p]=1; changed=1}}
      for (p in want) print p}'
}
# tree_cpu_ticks PID -> utime+stime (clock ticks) of PID and all its live descendants (all threads)
tree_cpu_ticks() {
  local pids; pids=$(tree_pids "$1")
  local p total=0 f
  for p in $pids; do
    f=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    f=${f##*) }   # fields after "(comm) ": state is field 3, utime 14, stime 15
    # shellcheck disable=SC2086
    set -- $f
    total=$(( total + ${12} + ${13} ))
  done
  echo "$total"
}

log "=== relay load: $DUTS x $ROUNDS rounds; $WARMUP_COUNT warm-up + $COUNT REGISTER at $RATE/s, mode $MODE; run dir $RUN_DIR"
sipp_uas_start "$UAS_TCP_PORT" register-uas
REQUIRE_CLIENT_CERT=1 stunnel_server "$UAS_TLS_PORT" "$UAS_TCP_PORT"
stunnel_client "$UAC_PLAIN_PORT" "127.0.0.1:$DUT_PORT"
RESULTS="$RUN_DIR/results.txt"; : >"$RESULTS"

for ((round = 1; round <= ROUNDS; round++)); do
  for d in $DUTS; do
    relay_start "$d"
    warm=$(sipp_uac_run "$UAC_PLAIN_PORT" register-uac "$MODE" "$WARMUP_COUNT" "$RATE" "warm-$d-$round")
    log "warm-up $d round $round: $warm"
    t0=$(tree_cpu_ticks "$DUT_PID")
    res=$(sipp_uac_run "$UAC_PLAIN_PORT" register-uac "$MODE" "$COUNT" "$RATE" "$d-$round")
    t1=$(tree_cpu_ticks "$DUT_PID")
    alive=$(dut_alive)
    if [[ "$d" == sip-alg && -n "${RUNNER_JFR:-}" ]]; then
      for p in $(tree_pids "$DUT_PID"); do
        [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == java ]] || continue
        jcmd "$p" JFR.dump name=relay filename="$RUNNER_JFR/runner-$round.jfr" >&2 || log "JFR dump failed"
      done
    fi
    stop_pid "$DUT_PID"; wait_port_free "$DUT_PORT" 10 || die "port $DUT_PORT still busy after stopping $d"
    ok=$(kv uac_ok "$res")
    line=$(awk -v d="$d" -v r="$round" -v m="$MODE" -v rate="$RATE" -v c="$COUNT" -v res="$res" \
      -v t="$((t1 - t0))" -v hz="$CLK_TCK" -v ok="$ok" -v alive="$alive" 'BEGIN {
        cpu = t / hz; printf "result dut=%s round=%d mode=%s rate=%d count=%d %s cpu_s=%.2f cpu_ms_per_tx=%.3f alive=%s\n",
          d, r, m, rate, c, res, cpu, (ok > 0 ? cpu * 1000 / ok : -1), alive}')
    echo "$line"; echo "$line" >>"$RESULTS"
  done
done

# per relay: median and range over the rounds
for d in $DUTS; do
  grep "^result dut=$d " "$RESULTS" | awk -v d="$d" '
    function med(a, n,  i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j+1] = a[j]; a[j+1] = t }
      return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
    { for (i = 1; i <= NF; i++) { split($i, kvp, "="); v[kvp[1]] = kvp[2] }
      n++; cps[n] = v["cps"]; cpu[n] = v["cpu_ms_per_tx"]; failed += v["uac_failed"]
      c1[n] = v["cps"]; p1[n] = v["cpu_ms_per_tx"] }
    END { if (!n) { print "summary dut=" d " runs=0"; exit }
      lo = hi = c1[1]; plo = phi = p1[1]
      for (i = 2; i <= n; i++) { if (c1[i] < lo) lo = c1[i]; if (c1[i] > hi) hi = c1[i]; if (p1[i] < plo) plo = p1[i]; if (p1[i] > phi) phi = p1[i] }
      printf "summary dut=%s runs=%d cps_median=%.1f cps_min=%.1f cps_max=%.1f failed_total=%d cpu_ms_per_tx_median=%.3f cpu_ms_per_tx_min=%.3f cpu_ms_per_tx_max=%.3f\n",
        d, n, med(cps, n), lo, hi, failed, med(cpu, n), plo, phi }'
done
