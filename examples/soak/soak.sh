#!/usr/bin/env bash
# Load and soak of the sip-alg reference runner (issue 7): SESSIONS concurrent TLS sessions held open
# through `sip-alg run` plus a steady REGISTER load for DURATION seconds, all on 127.0.0.1.
#
#   examples/soak/soak.sh                               # the full soak: 10,000 sessions, 600 s
#   SESSIONS=1000 DURATION=60 examples/soak/soak.sh     # a smoke run
#
# Peers (io.sipalg.examples.soak.SoakMain, from the shaded jar): an NIO TLS registrar (200 OK to every
# REGISTER) behind the runner, an NIO TLS phone fleet in front of it. Measures the runner (heap after a
# full GC, RSS, open fds, CPU) idle, with every session up, after the load and after the sessions
# closed; prints a summary and exits 0 only if no message was lost, every session was held and the
# runner's counters agree with both peers. Exit 1 = a check failed, 2 = setup/usage problem.
# See examples/soak/README.md. Knobs (env) are listed under "settings" below.
# shellcheck disable=SC2154,SC2016 # NAME_* come from sample() (printf -v); t() evals its argument
set -euo pipefail
{ # the whole script is one compound command: bash parses it all before running, so editing or
  # updating this file during a run (e.g. a git pull) cannot change the run half-way

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

# ---------------------------------------------------------------- settings
SESSIONS="${SESSIONS:-10000}"            # concurrent TLS sessions through the runner
DURATION="${DURATION:-600}"              # seconds of steady REGISTER load
CONNECT_RATE="${CONNECT_RATE:-200}"      # new phone connections per second during the ramp
MAX_PENDING="${MAX_PENDING:-50}"         # phone connections at most between connect and first 200 OK
WARMUP="${WARMUP:-10}"                   # seconds over which the connect rate climbs from 10% to 100%
REGISTER_RATE="${REGISTER_RATE:-200}"    # REGISTERs per second during the load
RUNNER_THREADS="${RUNNER_THREADS:-2}"    # sip-alg run --threads
FLEET_THREADS="${FLEET_THREADS:-1}"
REGISTRAR_THREADS="${REGISTRAR_THREADS:-1}"
RUNNER_PORT="${RUNNER_PORT:-25061}"      # 127.0.0.1, phone-facing
REGISTRAR_PORT="${REGISTRAR_PORT:-25071}" # 127.0.0.1, the runner's upstream
RUNNER_XMX="${RUNNER_XMX:-2g}"
FLEET_XMX="${FLEET_XMX:-2g}"
REGISTRAR_XMX="${REGISTRAR_XMX:-2g}"
RUNNER_JVM_ARGS="${RUNNER_JVM_ARGS:-}"   # extra JVM options for the runner (word-split)
RUNNER_ARGS="${RUNNER_ARGS:-}"           # extra `sip-alg run` options, e.g. "--provider BC_JSSE" (word-split)
RUNNER_LOG_LEVEL="${RUNNER_LOG_LEVEL:-warn}" # slf4j-simple level: info logs every message and session
FLEET_SOURCES="${FLEET_SOURCES:-}"       # e.g. 127.0.0.2,127.0.0.3: phones bind these (ephemeral ports)
RESUME="${RESUME:-0}"                    # 1: phones resume TLS sessions (default: full handshake each)
SAMPLE_INTERVAL="${SAMPLE_INTERVAL:-30}" # seconds between timeline samples of the runner
FD_MARGIN="${FD_MARGIN:-100}"            # fds the runner needs besides 2 per session
SIP_ALG_JAR="${SIP_ALG_JAR:-$ROOT/examples/target/sip-alg.jar}"
SIP_ALG_CONFIG="${SIP_ALG_CONFIG:-$HERE/sip-alg-soak.conf.in}" # @CERT_DIR@ / @RUNNER_PORT@ replaced
RUN_DIR="${RUN_DIR:-$(mktemp -d /tmp/sip-alg-soak.XXXXXX)}"
CERT_DIR="${CERT_DIR:-$RUN_DIR/certs}"   # made by examples/e2e/make-certs.sh unless complete already
SERVER_NAME=sip.example.test

# the ramp may take much longer than SESSIONS / CONNECT_RATE on a busy machine: allow down to 10/s
RAMP_TIMEOUT=$(( (4 * SESSIONS / CONNECT_RATE > SESSIONS / 10 ? 4 * SESSIONS / CONNECT_RATE : SESSIONS / 10) + 120 ))
HOLD_TIMEOUT=300                          # the fleet's longest wait for the script between phases
MAX_LIFE=$(( RAMP_TIMEOUT + DURATION + 2 * HOLD_TIMEOUT + 300 )) # hard cap on every process

log() { printf '[soak %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }
kv() { sed -n "s/^\\(.* \\)\\{0,1\\}$1=\\([^ ]*\\).*/\\2/p" <<<"$2" | head -1; } # KEY=value after a space
# per_session NOW IDLE SESSIONS: KiB per session (the runner's own active count at that sample)
per_session() { [[ "$1" == na || "$2" == na ]] || (( $3 <= 0 )) && { echo na; return; }; awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {printf "%.1f", (a - b) / n}'; }
mib() { [[ "$1" == na ]] && { echo na; return; }; awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# ---------------------------------------------------------------- checks
[[ "$SESSIONS" =~ ^[1-9][0-9]*$ && "$DURATION" =~ ^[0-9]+$ ]] || die "SESSIONS and DURATION must be integers"
for c in java jcmd openssl ss; do command -v "$c" >/dev/null || die "$c not found (a JDK 17, openssl, iproute2)"; done
[[ -f "$SIP_ALG_JAR" ]] || die "no $SIP_ALG_JAR: build it first (mvn -B -q package -DskipTests)"
[[ -f "$SIP_ALG_CONFIG" ]] || die "no runner config template $SIP_ALG_CONFIG"
mkdir -p "$RUN_DIR/ctl"
log "work directory $RUN_DIR"

# The runner holds two sockets per session (phone + upstream); the JVM raises its soft limit to the
# hard one by itself, so the hard limit is what counts. Raising the hard limit needs CAP_SYS_RESOURCE.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
NEED=$(( 2 * SESSIONS + FD_MARGIN ))
if [[ "$NOFILE" != unlimited ]] && (( NOFILE < NEED )); then
  die "the runner needs $NEED open files for $SESSIONS sessions (2 sockets each + $FD_MARGIN), but the limit \
is $NOFILE (ulimit -Hn $(ulimit -Hn); raising it needs CAP_SYS_RESOURCE). Run as a user with a higher hard \
limit, or with at most SESSIONS=$(( (NOFILE - FD_MARGIN) / 2 ))"
fi
read -r PORT_LO PORT_HI < /proc/sys/net/ipv4/ip_local_port_range
if [[ -z "$FLEET_SOURCES" ]] && (( PORT_HI - PORT_LO + 1 < 2 * SESSIONS + 2000 )); then
  log "WARNING: ephemeral port range $PORT_LO-$PORT_HI is small for $((2 * SESSIONS)) client sockets; set FLEET_SOURCES=127.0.0.2,127.0.0.3"
fi
for p in "$RUNNER_PORT" "$REGISTRAR_PORT"; do
  [[ -z "$(ss -Hltn "sport = :$p")" ]] || die "port $p is already in use"
done

# ---------------------------------------------------------------- processes (tracked, stopped by PID)
PIDS=()
track() { PIDS+=("$1"); }
stop_pid() { # stop_pid PID [grace seconds]: SIGTERM, then SIGKILL after the grace
  local pid="$1" grace="${2:-10}" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "pid $pid did not stop within ${grace}s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid" 5; done
}
trap cleanup EXIT
trap 'log "interrupted"; exit 2' INT TERM
# nap SECONDS: sleep in a child that a SIGTERM to this (sub)shell takes down with it
nap() { sleep "$1" & NAP_PID=$!; wait "$NAP_PID"; }
# watchdog PID SECONDS NAME: stops PID if it outlives SECONDS
watchdog() {
  ( trap 'kill "$NAP_PID" 2>/dev/null; exit 0' TERM
    nap "$2"; log "$3 exceeded ${2}s: stopping it"; kill -TERM "$1" 2>/dev/null; nap 10; kill -KILL "$1" 2>/dev/null ) &
  track $!
}
# wait_line FILE REGEX SECONDS PID: until the line shows up in FILE (false if PID died or time ran out)
wait_line() {
  local file="$1" re="$2" secs="$3" pid="$4" i
  for ((i = 0; i < secs * 10; i++)); do
    grep -qE "$re" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
# wait_file FILE SECONDS PID
wait_file() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [[ -e "$1" ]] && return 0
    kill -0 "$3" 2>/dev/null || { [[ -e "$1" ]]; return; }
    sleep 0.1
  done
  return 1
}
# wait_exit PID SECONDS -> sets WAIT_RC (124 on timeout, after stopping it)
wait_exit() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$1" 2>/dev/null || { WAIT_RC=0; wait "$1" || WAIT_RC=$?; return 0; }
    sleep 0.1
  done
  stop_pid "$1" 10; WAIT_RC=124; wait "$1" 2>/dev/null || true
}

# ---------------------------------------------------------------- runner measurements
# sample NAME [gc]: heap used after a full GC (KiB; only with gc), RSS (KiB), open fds, threads,
# CPU (user+system clock ticks) and the runner's last counters line -> variables NAME_*
CLK_TCK=$(getconf CLK_TCK)
sample() {
  local name="$1" heap=na
  if [[ "${2:-}" == gc ]]; then
    jcmd "$RUNNER_PID" GC.run >/dev/null 2>&1 || log "jcmd GC.run failed"
    heap=$(jcmd "$RUNNER_PID" GC.heap_info 2>/dev/null | sed -n 's/.* heap .*used \([0-9]*\)K.*/\1/p' | head -1)
    [[ -n "$heap" ]] || heap=na
    # what the heap holds, largest first (for a leak hunt; another full GC)
    jcmd "$RUNNER_PID" GC.class_histogram 2>/dev/null | head -45 >"$RUN_DIR/histogram-$name.txt" || true
  fi
  local rss fds threads cpu
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$RUNNER_PID/status")
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$RUNNER_PID/status")
  fds=$(find "/proc/$RUNNER_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  cpu=$(awk '{print $14 + $15}' "/proc/$RUNNER_PID/stat")
  printf -v "${name}_heap" '%s' "$heap"; printf -v "${name}_rss" '%s' "$rss"
  printf -v "${name}_fds" '%s' "$fds"; printf -v "${name}_threads" '%s' "$threads"
  printf -v "${name}_cpu" '%s' "$cpu"; printf -v "${name}_time" '%s' "$(date +%s.%N)"
  log "sample $name: heap_used_after_gc=${heap}KiB rss=${rss}KiB fds=$fds threads=$threads cpu_ticks=$cpu"
}
# timeline: every SAMPLE_INTERVAL s, RSS / fds / heap used (jstat, no forced GC) / CPU / counters
timeline() {
  local t0; t0=$(date +%s)
  trap 'kill "$NAP_PID" 2>/dev/null; exit 0' TERM
  printf 't_s\trss_kib\tfds\theap_used_kib\tcpu_ticks\tcounters\n'
  while kill -0 "$RUNNER_PID" 2>/dev/null; do
    local heap counters
    heap=$(jstat -gc "$RUNNER_PID" 2>/dev/null | awk 'NR==2 {printf "%d", $3+$4+$6+$8}')
    counters=$(grep '^counters:' "$RUN_DIR/runner.log" | tail -1 | cut -d' ' -f2-)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(( $(date +%s) - t0 ))" \
      "$(awk '/^VmRSS:/ {print $2}' "/proc/$RUNNER_PID/status" 2>/dev/null)" \
      "$(find "/proc/$RUNNER_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)" "${heap:-na}" \
      "$(awk '{print $14 + $15}' "/proc/$RUNNER_PID/stat" 2>/dev/null)" "$counters"
    nap "$SAMPLE_INTERVAL"
  done
}

# fresh_counters: the runner's next counters line (it prints one every 5 s), or the last one after 12 s
fresh_counters() {
  local n0 i
  n0=$(grep -c '^counters:' "$RUN_DIR/runner.log" || true)
  for ((i = 0; i < 120; i++)); do
    (( $(grep -c '^counters:' "$RUN_DIR/runner.log" || true) > n0 )) && break
    sleep 0.1
  done
  grep '^counters:' "$RUN_DIR/runner.log" | tail -1 || true
}

# ---------------------------------------------------------------- set up
"$ROOT/examples/e2e/make-certs.sh" "$CERT_DIR" >"$RUN_DIR/make-certs.log" 2>&1 \
  || { tail "$RUN_DIR/make-certs.log" >&2; die "make-certs.sh failed"; }
sed -e "s|@CERT_DIR@|$CERT_DIR|g" -e "s|@RUNNER_PORT@|$RUNNER_PORT|g" "$SIP_ALG_CONFIG" >"$RUN_DIR/sip-alg.conf"

log "registrar: 127.0.0.1:$REGISTRAR_PORT"
java "-Xmx$REGISTRAR_XMX" -cp "$SIP_ALG_JAR" io.sipalg.examples.soak.SoakMain registrar \
  --listen "127.0.0.1:$REGISTRAR_PORT" --certs "$CERT_DIR" --threads "$REGISTRAR_THREADS" --max-life "$MAX_LIFE" \
  >"$RUN_DIR/registrar.log" 2>&1 &
REGISTRAR_PID=$!; track "$REGISTRAR_PID"
wait_line "$RUN_DIR/registrar.log" '^registrar: listening' 30 "$REGISTRAR_PID" \
  || { tail "$RUN_DIR/registrar.log" >&2; die "the registrar did not start"; }

log "runner: sip-alg run on 127.0.0.1:$RUNNER_PORT -> 127.0.0.1:$REGISTRAR_PORT, $RUNNER_THREADS thread(s), -Xmx$RUNNER_XMX"
# shellcheck disable=SC2086 # RUNNER_JVM_ARGS and RUNNER_ARGS are lists of options
java "-Xmx$RUNNER_XMX" "-Dorg.slf4j.simpleLogger.defaultLogLevel=$RUNNER_LOG_LEVEL" $RUNNER_JVM_ARGS \
  -jar "$SIP_ALG_JAR" run --config "$RUN_DIR/sip-alg.conf" --upstream "127.0.0.1:$REGISTRAR_PORT" \
  --listen "127.0.0.1:$RUNNER_PORT" --threads "$RUNNER_THREADS" --upstream-name "$SERVER_NAME" $RUNNER_ARGS \
  >"$RUN_DIR/runner.log" 2>&1 &
RUNNER_PID=$!; track "$RUNNER_PID"; watchdog "$RUNNER_PID" "$MAX_LIFE" runner
wait_line "$RUN_DIR/runner.log" '^sip-alg: listening' 60 "$RUNNER_PID" \
  || { tail "$RUN_DIR/runner.log" >&2; die "the runner did not start"; }
sleep 2 # let start-up allocation settle before the idle heap sample (measurement, not synchronisation)
sample idle gc

# ---------------------------------------------------------------- ramp, load, hold
FLEET_ARGS=(--target "127.0.0.1:$RUNNER_PORT" --certs "$CERT_DIR" --sessions "$SESSIONS" --connect-rate "$CONNECT_RATE"
            --warmup "$WARMUP" --max-pending "$MAX_PENDING" --register-rate "$REGISTER_RATE" --duration "$DURATION"
            --threads "$FLEET_THREADS" --control-dir "$RUN_DIR/ctl" --ramp-timeout "$RAMP_TIMEOUT"
            --hold-timeout "$HOLD_TIMEOUT")
[[ -n "$FLEET_SOURCES" ]] && FLEET_ARGS+=(--source "$FLEET_SOURCES")
[[ "$RESUME" == 1 ]] && FLEET_ARGS+=(--resume)
log "fleet: $SESSIONS sessions at $CONNECT_RATE/s, then $REGISTER_RATE REGISTER/s for ${DURATION}s"
java "-Xmx$FLEET_XMX" -cp "$SIP_ALG_JAR" io.sipalg.examples.soak.SoakMain fleet "${FLEET_ARGS[@]}" \
  >"$RUN_DIR/fleet.log" 2>&1 &
FLEET_PID=$!; track "$FLEET_PID"; watchdog "$FLEET_PID" "$MAX_LIFE" fleet
wait_file "$RUN_DIR/ctl/ready" $(( RAMP_TIMEOUT + 60 )) "$FLEET_PID" \
  || { tail "$RUN_DIR/fleet.log" >&2; die "the fleet never reported its sessions up"; }
log "$(cat "$RUN_DIR/ctl/ready")"
sample start gc
START_COUNTERS=$(fresh_counters)
timeline >"$RUN_DIR/timeline.tsv" 2>/dev/null &
TIMELINE_PID=$!; track "$TIMELINE_PID"
touch "$RUN_DIR/ctl/go"
log "load running for ${DURATION}s (fleet progress in $RUN_DIR/fleet.log)"
wait_file "$RUN_DIR/ctl/done" $(( DURATION + 120 )) "$FLEET_PID" \
  || { tail "$RUN_DIR/fleet.log" >&2; log "the fleet never reported the load done"; }
sample end gc
END_COUNTERS=$(fresh_counters)
# CPU seconds the peers used so far (context for the runner's: they share the same cores)
cpu_s() { awk -v hz="$CLK_TCK" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat" 2>/dev/null || echo na; }
FLEET_CPU=$(cpu_s "$FLEET_PID"); REGISTRAR_CPU=$(cpu_s "$REGISTRAR_PID")
stop_pid "$TIMELINE_PID" 2
touch "$RUN_DIR/ctl/release"
wait_exit "$FLEET_PID" 90; FLEET_RC=$WAIT_RC

# the runner should be back to its idle fd count once the phones hung up
for ((i = 0; i < 600; i++)); do # up to 60 s
  (( $(find "/proc/$RUNNER_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l) <= idle_fds + 5 )) && break
  sleep 0.1
done
sample closed gc

log "stopping the runner (SIGTERM) and the registrar"
kill -TERM "$RUNNER_PID" 2>/dev/null || true
wait_exit "$RUNNER_PID" 40; RUNNER_RC=$WAIT_RC
kill -TERM "$REGISTRAR_PID" 2>/dev/null || true
wait_exit "$REGISTRAR_PID" 20

# ---------------------------------------------------------------- verdict
FLEET=$(grep '^fleet-result:' "$RUN_DIR/fleet.log" | tail -1 || true)
VERDICT=$(grep '^fleet-verdict:' "$RUN_DIR/fleet.log" | tail -1 || true)
REG=$(grep '^registrar-result:' "$RUN_DIR/registrar.log" | tail -1 || true)
FINAL=$(sed -n '/^sip-alg: stopped/,$p' "$RUN_DIR/runner.log" | grep '^counters:' | tail -1 || true)
num() { local v; v=$(kv "$1" "$2"); echo "${v:--1}"; }
sent=$(num registers-sent "$FLEET"); answered=$(num answered "$FLEET"); lost=$(num lost "$FLEET")
held=$(num held-at-end "$FLEET"); registered=$(num registered "$FLEET")
reg_registers=$(num registers "$REG"); reg_answered=$(num answered "$REG"); reg_hsf=$(num handshake-failures "$REG")
r_sessions=$(num sessions "$FINAL"); r_in=$(num in "$FINAL"); r_fwd=$(num forwarded "$FINAL")
r_resp=$(num responded "$FINAL"); r_drop=$(num dropped "$FINAL"); r_hsf=$(num handshake-failures "$FINAL")
r_active_start=$(num active "$START_COUNTERS"); r_active_end=$(num active "$END_COUNTERS")

FAILED=0; CHECKS=()
check() { # check NAME CONDITION-RESULT(0/1) DETAIL
  if [[ "$2" == 0 ]]; then CHECKS+=("PASS $1: $3"); else CHECKS+=("FAIL $1: $3"); FAILED=$((FAILED + 1)); fi
}
t() { if eval "$1"; then echo 0; else echo 1; fi; }
check fleet-verdict "$(t '[[ $FLEET_RC == 0 ]]')" "${VERDICT:-no verdict} (exit $FLEET_RC)"
check messages-lost "$(t '(( lost == 0 && sent > 0 && sent == answered ))')" "REGISTER sent=$sent answered=$answered lost=$lost"
check sessions-held "$(t '(( registered == SESSIONS && held == SESSIONS ))')" "registered=$registered held-at-end=$held of $SESSIONS"
check runner-active "$(t '(( r_active_start == SESSIONS && r_active_end == SESSIONS ))')" "runner active=$r_active_start after the ramp, $r_active_end after the load"
check registrar-saw-all "$(t '(( reg_registers == sent && reg_answered == reg_registers && reg_hsf == 0 ))')" "registrar registers=$reg_registers answered=$reg_answered handshake-failures=$reg_hsf"
check runner-counters "$(t '(( r_in == sent + reg_answered && r_fwd == r_in && r_drop == 0 && r_resp == 0 && r_hsf == 0 && r_sessions == SESSIONS ))')" \
  "in=$r_in (expected $((sent + reg_answered)) = REGISTERs + 200s) forwarded=$r_fwd responded=$r_resp dropped=$r_drop handshake-failures=$r_hsf sessions=$r_sessions"
check runner-fds-released "$(t '(( closed_fds <= idle_fds + 5 ))')" "fds idle=$idle_fds with-sessions=$start_fds after-close=$closed_fds"
check runner-exit "$(t '[[ $RUNNER_RC == 0 ]]')" "sip-alg run exited $RUNNER_RC on SIGTERM"
# heap still held once every session is closed (after a full GC): what closed sessions leave behind
retained=$(per_session "$closed_heap" "$idle_heap" "$r_sessions")
if [[ "$retained" == na ]] || awk -v r="$retained" 'BEGIN {exit !(r < 1.0)}'; then
  CHECKS+=("PASS heap-released: after every session closed the heap is back to idle ($(mib "$idle_heap") -> $(mib "$closed_heap") MiB)")
else
  CHECKS+=("WARN heap-released: after every session closed the heap still holds $(mib "$closed_heap") MiB (idle $(mib "$idle_heap")): $retained KiB per closed session (see histogram-closed.txt)")
fi
timed_out=$(num timed-out "$FLEET")
if [[ "$timed_out" == 0 ]]; then CHECKS+=("PASS answer-times: every REGISTER answered within 5 s")
else CHECKS+=("WARN answer-times: $timed_out REGISTER(s) answered after more than 5 s ($(num load-timed-out "$FLEET") during the load; late, not lost)"); fi

hps_start=$(per_session "$start_heap" "$idle_heap" "$r_active_start"); hps_end=$(per_session "$end_heap" "$idle_heap" "$r_active_end")
rss_ps=$(per_session "$start_rss" "$idle_rss" "$r_active_start")
load_sent=$(num load-sent "$FLEET")
cpu_ms_per_reg=$(awk -v c="$((end_cpu - start_cpu))" -v hz="$CLK_TCK" -v n="$load_sent" 'BEGIN {if (n > 0) printf "%.3f", c * 1000 / hz / n; else print "na"}')
ramp_cpu_s=$(awk -v c="$((start_cpu - idle_cpu))" -v hz="$CLK_TCK" 'BEGIN {printf "%.1f", c / hz}')

{
  echo "=== sip-alg soak summary ($(date -u +%FT%TZ), $RUN_DIR)"
  echo "setup: sessions=$SESSIONS duration=${DURATION}s connect-rate=$CONNECT_RATE/s register-rate=$REGISTER_RATE/s runner-threads=$RUNNER_THREADS runner-xmx=$RUNNER_XMX resume=$RESUME nofile=$NOFILE"
  echo "fleet: $FLEET"
  echo "registrar: $REG"
  echo "runner counters after the ramp: ${START_COUNTERS#counters: }"
  echo "runner counters after the load: ${END_COUNTERS#counters: }"
  echo "runner counters at exit:        ${FINAL#counters: }"
  printf 'runner %-14s %12s %12s %8s %8s\n' sample heap_MiB rss_MiB fds threads
  for s in idle start end closed; do
    h="${s}_heap" r="${s}_rss" f="${s}_fds" th="${s}_threads"
    printf 'runner %-14s %12s %12s %8s %8s\n' "$s" "$(mib "${!h}")" "$(mib "${!r}")" "${!f}" "${!th}"
  done
  echo "heap per session: ${hps_start} KiB after the ramp, ${hps_end} KiB after the load ((heap - idle heap) / the runner's active sessions then: $r_active_start, $r_active_end; heap used after a full GC)"
  echo "rss per session: ${rss_ps} KiB after the ramp; runner CPU: ${ramp_cpu_s} s for the ramp, ${cpu_ms_per_reg} ms per REGISTER transaction during the load; CPU so far: runner $(awk -v c="$end_cpu" -v hz="$CLK_TCK" 'BEGIN {printf "%.1f", c / hz}') s, fleet $FLEET_CPU s, registrar $REGISTRAR_CPU s"
  echo "timeline: $RUN_DIR/timeline.tsv; heap histograms: $RUN_DIR/histogram-{idle,start,end,closed}.txt; logs: $RUN_DIR/{fleet,runner,registrar}.log"
  printf '%s\n' "${CHECKS[@]}"
  echo "markdown: | $SESSIONS | ${DURATION} s | $REGISTER_RATE/s | $sent | $lost | $(mib "$idle_heap") / $(mib "$start_heap") / $(mib "$end_heap") MiB | $hps_start / $hps_end KiB | $(mib "$start_rss") / $(mib "$end_rss") MiB | $start_fds / $end_fds | $(kv load-rtt-ms-p50 "$FLEET") / $(kv load-rtt-ms-p99 "$FLEET") / $(kv load-rtt-ms-max "$FLEET") ms |"
  if (( FAILED == 0 )); then echo "result=PASS"; else echo "result=FAIL ($FAILED check(s) failed)"; fi
} | tee "$RUN_DIR/summary.txt"
(( FAILED == 0 )) && exit 0 || exit 1
}
