# shellcheck shell=bash
# Helpers for the examples/e2e scripts (sourced):  . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Everything binds to / targets 127.0.0.1 only, every server runs under coreutils `timeout`, and only
# what a script started is stopped, by PID (stop_tracked on EXIT/INT/TERM). Never pkill/killall.
[[ -n "${_E2E_LIB_LOADED:-}" ]] && return 0
_E2E_LIB_LOADED=1
E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MAX_LIFE="${MAX_LIFE:-900}"                 # hard cap (s) on any server started here
CERT_DIR="${CERT_DIR:-$E2E_DIR/certs}"      # test PKI (make-certs.sh creates it on first use)
RUN_DIR="${RUN_DIR:-$(mktemp -d /tmp/sip-alg-e2e.XXXXXX)}"; mkdir -p "$RUN_DIR"
SIPP="${SIPP:-sipp}"                        # Debian sip-tester: TCP/UDP only, no TLS -> stunnel wraps it
# Ports (all 127.0.0.1). The device under test (DUT: the ALG, or haproxy standing in for it) listens on
# DUT_PORT with TLS and connects upstream with TLS to UAS_TLS_PORT (chain A) or KAM_PORT (chain B).
DUT_PORT="${DUT_PORT:-5061}"                # DUT, phone-facing TLS listener
KAM_PORT="${KAM_PORT:-5062}"                # kamailio TLS registrar (chain B)
UAS_TLS_PORT="${UAS_TLS_PORT:-5071}"        # stunnel server (TLS) in front of the sipp UAS = "SIP server"
UAS_TCP_PORT="${UAS_TCP_PORT:-15071}"       # sipp UAS, plain TCP (behind stunnel)
UAC_PLAIN_PORT="${UAC_PLAIN_PORT:-15061}"   # stunnel client plain-TCP accept port = sipp UAC's target
UAC_SIP_PORT="${UAC_SIP_PORT:-15060}"       # sipp UAC's own SIP port (-p; sipp's default 5060 clashes easily)
SERVER_NAME="${SERVER_NAME:-sip.example.test}"   # name in the server cert (SNI + host check)
COUNT="${COUNT:-1000}"; RATE="${RATE:-200}"
# RATE_TN: calls/s for tn runs (a full TLS handshake per call at every hop); default RATE.
RATE_TN="${RATE_TN:-$RATE}"
mode_rate() { if [[ "$1" == tn ]]; then echo "$RATE_TN"; else echo "$RATE"; fi; }
declare -a _E2E_PIDS=()

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

require_loopback() { # HOST or HOST:PORT
  local h="${1%:*}"
  [[ "$h" =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ || "$h" == localhost ]] || die "refusing non-loopback address '$1'"
}
require_cmd() { command -v "$1" >/dev/null || die "$1 not installed (run $E2E_DIR/install.sh as root)"; }
require_certs() {
  [[ -f "$CERT_DIR/server.pem" && -f "$CERT_DIR/wrong-server.pem" ]] || "$E2E_DIR/make-certs.sh" "$CERT_DIR" >&2 \
    || die "make-certs.sh failed"
}
require_uint() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive integer (got '$2')"; }

# track PID: remember a background process we started; stop_tracked stops them in reverse order.
# Each is a coreutils `timeout` wrapper: a TERM to it is passed to its child and its process group.
track() { _E2E_PIDS+=("$1"); }
stop_pid() { # stop one tracked PID (TERM, then KILL after 5 s) and forget it
  local p="$1" i rest=()
  kill -TERM "$p" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null || true
  for i in "${_E2E_PIDS[@]}"; do [[ "$i" == "$p" ]] || rest+=("$i"); done
  _E2E_PIDS=("${rest[@]}")
}
stop_tracked() {
  local i p alive
  ((${#_E2E_PIDS[@]})) || return 0
  for ((i=${#_E2E_PIDS[@]}-1; i>=0; i--)); do kill -TERM "${_E2E_PIDS[i]}" 2>/dev/null || true; done
  for _ in $(seq 50); do
    alive=0; for p in "${_E2E_PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break; sleep 0.1
  done
  for p in "${_E2E_PIDS[@]}"; do kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null; done
  for p in "${_E2E_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  _E2E_PIDS=()
}
trap 'stop_tracked' EXIT
trap 'exit 130' INT TERM
# sleep that a TERM/INT interrupts at once (a foreground `sleep` would delay the trap until it ends)
nap() { sleep "$1" & local s=$!; wait "$s" 2>/dev/null; kill "$s" 2>/dev/null; return 0; }

listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
wait_port() { # wait_port PORT [seconds] [pid that must stay alive]   (TCP listener on the port)
  local port="$1" t="${2:-10}" pid="${3:-}" i
  for ((i=0; i<t*10; i++)); do
    listening "$port" && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then log "process $pid exited before listening on $port"; return 1; fi
    sleep 0.1
  done
  log "nothing listening on port $port after ${t}s"; return 1
}
wait_port_free() { local i; for ((i=0; i<${2:-10}*10; i++)); do listening "$1" || return 0; sleep 0.1; done; return 1; }
require_port_free() { wait_port_free "$1" 3 || die "port $1 already in use (another run, or a leftover process?)"; }

# ---------------------------------------------------------------- the device under test
# DUT_CMD runs under `bash -c` and coreutils `timeout`, with DUT_PORT, DUT_UPSTREAM, CERT_DIR, RUN_DIR,
# SERVER_NAME, E2E_DIR exported. It must listen with TLS on 127.0.0.1:$DUT_PORT and relay to $DUT_UPSTREAM
# with TLS. Default: haproxy (haproxy-dut.sh). DUT=sip-alg: the project's runner (examples/target/sip-alg.jar)
# with SIP_ALG_CONFIG (rendered with envsubst: ${CERT_DIR} ${DUT_PORT} ${DUT_UPSTREAM} ${SERVER_NAME}),
# SIP_ALG_ARGS (e.g. "--profile NAME --threads 2"), SIP_ALG_CHAIN_ARGS (set by a chain script for its own needs), SIP_ALG_JAR, SIP_ALG_JVM_ARGS. DUT_CMD should `exec` the
# DUT (keep it in the foreground): its liveness is that of this process. DUT_START_S bounds the wait for
# its listener (30 s).
dut_cmd() {
  if [[ -n "${DUT_CMD:-}" ]]; then printf '%s' "$DUT_CMD"; return; fi
  case "${DUT:-haproxy}" in
    haproxy) printf '%s' 'exec "$E2E_DIR/haproxy-dut.sh"' ;;
    sip-alg) printf '%s' 'exec java ${SIP_ALG_JVM_ARGS:-} -jar "${SIP_ALG_JAR:-$E2E_DIR/../target/sip-alg.jar}" run --config "$SIP_ALG_CONFIG_RENDERED" --upstream "$DUT_UPSTREAM" --listen "127.0.0.1:$DUT_PORT" ${SIP_ALG_ARGS:-} ${SIP_ALG_CHAIN_ARGS:-}' ;;
    *) die "DUT must be haproxy or sip-alg (or set DUT_CMD)" ;;
  esac
}
dut_name() { if [[ -n "${DUT_CMD:-}" ]]; then echo DUT_CMD; else echo "${DUT:-haproxy}"; fi; }
# dut_start NAME UPSTREAM -> DUT_PID (tracked; the `timeout` wrapper), log $RUN_DIR/dut-NAME.log
dut_start() {
  local name="$1" up="$2"
  require_loopback "$up"; require_certs; require_port_free "$DUT_PORT"
  export DUT_PORT DUT_UPSTREAM="$up" CERT_DIR RUN_DIR SERVER_NAME E2E_DIR
  if [[ -z "${DUT_CMD:-}" && "${DUT:-haproxy}" == sip-alg ]]; then
    [[ -n "${SIP_ALG_CONFIG:-}" && -f "$SIP_ALG_CONFIG" ]] || die "DUT=sip-alg needs SIP_ALG_CONFIG=FILE"
    [[ -f "${SIP_ALG_JAR:-$E2E_DIR/../target/sip-alg.jar}" ]] || die "no sip-alg.jar: build it first (mvn -B package)"
    # the config may name ${CERT_DIR}, ${DUT_PORT}, ${DUT_UPSTREAM}, ${SERVER_NAME}: rendered per DUT start
    export SIP_ALG_CONFIG_RENDERED="$RUN_DIR/sip-alg-$name.conf"
    envsubst '${CERT_DIR} ${DUT_PORT} ${DUT_UPSTREAM} ${SERVER_NAME}' <"$SIP_ALG_CONFIG" >"$SIP_ALG_CONFIG_RENDERED"
  fi
  DUT_LOG="$RUN_DIR/dut-$name.log"
  timeout -k 5 "$MAX_LIFE" bash -c "$(dut_cmd)" >"$DUT_LOG" 2>&1 &
  DUT_PID=$!; track "$DUT_PID"
  wait_port "$DUT_PORT" "${DUT_START_S:-30}" "$DUT_PID" || { tail "$DUT_LOG" >&2; die "DUT ($(dut_name)) did not listen on $DUT_PORT"; }
  log "DUT $(dut_name) (pid $DUT_PID): tls 127.0.0.1:$DUT_PORT -> tls $up (log $DUT_LOG)"
}
dut_alive() { kill -0 "$DUT_PID" 2>/dev/null && listening "$DUT_PORT" && echo yes || echo no; }
# The sip-alg runner's final counter line ("counters: sessions=.. in=.. forwarded=.. ..."), printed when
# it drains on SIGTERM; empty for other DUTs or when it never printed one. Call after stop_tracked.
dut_final_counters() { [[ -z "${DUT_CMD:-}" && "${DUT:-haproxy}" == sip-alg ]] || return 0
  grep '^counters: ' "$DUT_LOG" 2>/dev/null | tail -1 | sed 's/^counters: //'; }

# ---------------------------------------------------------------- stunnel (the TLS sipp lacks)
# Rendered per run into $RUN_DIR; foreground, logs to $RUN_DIR/stunnel-NAME.log.
# Env: TLS_MIN / TLS_MAX (TLSv1.2 / TLSv1.3; default: what stunnel + OpenSSL 3 allow = 1.2, 1.3),
#      STUNNEL_DEBUG (default notice: one line per connection and per TLS failure), STUNNEL_RESET (no)
_stunnel_global() { # $1 = name
  printf 'foreground = yes\npid =\nsyslog = no\ndebug = %s\n' "${STUNNEL_DEBUG:-notice}"
  printf 'socket = l:TCP_NODELAY=1\nsocket = r:TCP_NODELAY=1\n'
  # reset = no: on a TLS error close the plain side with FIN, not RST. Debian's sipp EXITS on
  # ECONNRESET (UAS: "Connection reset by peer" ends the whole UAS; UAC -t tn: ends the run) - with
  # FIN the UAS just drops that connection and a tn UAC counts only that call as failed.
  printf 'reset = %s\n' "${STUNNEL_RESET:-no}"
  [[ -n "${TLS_MIN:-}" ]] && printf 'sslVersionMin = %s\n' "$TLS_MIN"
  [[ -n "${TLS_MAX:-}" ]] && printf 'sslVersionMax = %s\n' "$TLS_MAX"
  printf '[%s]\n' "$1"
}
_stunnel_run() { # $1 = name $2 = accept port -> STUNNEL_PID (tracked)
  timeout -k 5 "$MAX_LIFE" stunnel4 "$RUN_DIR/stunnel-$1.conf" >"$RUN_DIR/stunnel-$1.log" 2>&1 &
  STUNNEL_PID=$!; track "$STUNNEL_PID"
  wait_port "$2" 10 "$STUNNEL_PID" || { tail "$RUN_DIR/stunnel-$1.log" >&2; die "stunnel $1 did not start"; }
}
# stunnel_client ACCEPT_PORT DUT_HOST:PORT
#   plain TCP on 127.0.0.1:ACCEPT_PORT -> TLS to the DUT. Presents client.crt unless CLIENT_CERT=0;
#   verifies the DUT's chain against ca.crt and its name (SERVER_NAME) unless VERIFY_DUT=0; sends SNI.
#   Session resumption OFF by default (every tn connection = full handshake, like distinct phones);
#   SESSION_RESUME=yes lets stunnel resume its previous session.
stunnel_client() {
  local port="$1" dut="$2"
  require_loopback "$dut"; require_cmd stunnel4; require_certs; require_port_free "$port"
  { _stunnel_global uac-tls
    printf 'client = yes\naccept = 127.0.0.1:%s\nconnect = %s\nsni = %s\n' "$port" "$dut" "$SERVER_NAME"
    [[ "${CLIENT_CERT:-1}" == 1 ]] && printf 'cert = %s/client.crt\nkey = %s/client.key\n' "$CERT_DIR" "$CERT_DIR"
    if [[ "${VERIFY_DUT:-1}" == 1 ]]; then
      printf 'CAfile = %s/ca.crt\nverifyChain = yes\ncheckHost = %s\n' "$CERT_DIR" "$SERVER_NAME"
    else printf 'verifyChain = no\n'; fi
    printf 'sessionResume = %s\n' "${SESSION_RESUME:-no}"
    [[ -n "${CIPHERS:-}" ]] && printf 'ciphers = %s\n' "$CIPHERS"
  } >"$RUN_DIR/stunnel-uac-tls.conf"
  _stunnel_run uac-tls "$port"
  log "stunnel client: tcp 127.0.0.1:$port -> tls $dut (pid $STUNNEL_PID, log $RUN_DIR/stunnel-uac-tls.log)"
}
# stunnel_server TLS_PORT BACKEND_PORT
#   TLS on 127.0.0.1:TLS_PORT with server.crt -> plain TCP 127.0.0.1:BACKEND_PORT (the sipp UAS).
#   REQUIRE_CLIENT_CERT=1: demand a client cert and verify it against ca.crt (else none is requested).
stunnel_server() {
  local port="$1" backend="$2"
  require_cmd stunnel4; require_certs; require_port_free "$port"
  { _stunnel_global uas-tls
    printf 'accept = 127.0.0.1:%s\nconnect = 127.0.0.1:%s\n' "$port" "$backend"
    printf 'cert = %s/server.crt\nkey = %s/server.key\nCAfile = %s/ca.crt\n' "$CERT_DIR" "$CERT_DIR" "$CERT_DIR"
    if [[ "${REQUIRE_CLIENT_CERT:-1}" == 1 ]]; then printf 'verifyChain = yes\n'; else printf 'verifyChain = no\n'; fi
  } >"$RUN_DIR/stunnel-uas-tls.conf"
  _stunnel_run uas-tls "$port"
  log "stunnel server: tls 127.0.0.1:$port -> tcp 127.0.0.1:$backend, client cert required: ${REQUIRE_CLIENT_CERT:-1} (pid $STUNNEL_PID)"
}

# ---------------------------------------------------------------- kamailio (chain B)
# kamailio_start [good|wrongca] -> KAM_PID (tracked). TLS registrar on 127.0.0.1:$KAM_PORT: answers every
# REGISTER with 200 itself (in-memory usrloc). good = server.crt (ca.crt); wrongca = wrong-server.crt
# (same names, signed by the unrelated wrong-ca.crt). KAM_VERIFY_CLIENT=1: require + verify the DUT's
# client cert. KAM_ADDR: its address (127.0.0.1; any 127.x.y.z). KAM_AUTH=1: digest authentication of
# REGISTER and of alice's new requests, password KAM_AUTH_PASS (alg-test-secret). KAM_RELAY=1: every other request is relayed statefully over TLS to KAM_UPSTREAM (default
# 127.0.0.1:$UAS_TLS_PORT, the stunnel-fronted sipp UAS). ONE TLS worker (KAM_TCP_CHILDREN): Debian 12's kamailio 5.6.3 + OpenSSL 3 with 2 workers
# double-frees in tls_init.c ser_free and a worker dies of SIGSEGV within a few hundred new TLS connections.
kamailio_start() {
  local certset="${1:-good}" m verify=no
  require_cmd kamailio; require_cmd envsubst; require_certs; require_port_free "$KAM_PORT"
  for m in /usr/lib/*/kamailio/modules; do [[ -f "$m/tls.so" ]] && break; done
  [[ -f "$m/tls.so" ]] || die "kamailio tls module missing (apt-get install kamailio-tls-modules)"
  [[ "${KAM_VERIFY_CLIENT:-0}" == 1 ]] && verify=yes
  local defs=(); [[ "${KAM_RELAY:-0}" == 1 ]] && defs+=(-A WITH_RELAY); [[ "${KAM_AUTH:-0}" == 1 ]] && defs+=(-A WITH_AUTH)
  case "$certset" in good) KAM_CERT=server ;; wrongca) KAM_CERT=wrong-server ;; *) die "kamailio cert set good|wrongca" ;; esac
  export KAM_PORT KAM_TCP_WORKERS="${KAM_TCP_CHILDREN:-1}" KAM_MPATH="$m/" KAM_TLS_VERIFY="$verify" KAM_CERT \
         KAM_UPSTREAM="${KAM_UPSTREAM:-127.0.0.1:$UAS_TLS_PORT}" KAM_ADDR="${KAM_ADDR:-127.0.0.1}" KAM_AUTH_PASS="${KAM_AUTH_PASS:-alg-test-secret}" RUN_DIR CERT_DIR SERVER_NAME
  require_loopback "$KAM_ADDR"
  # KAM_ADVERTISE=HOST:PORT: the address kamailio writes into Record-Route and Via (and takes as its
  # own), as a server known to its phones by the ALG's address does
  export KAM_ADVERTISE_ALIAS="# no advertised address" KAM_ADVERTISE_LISTEN=""
  if [[ -n "${KAM_ADVERTISE:-}" ]]; then
    require_loopback "$KAM_ADVERTISE"
    KAM_ADVERTISE_ALIAS="alias=\"$KAM_ADVERTISE\"" KAM_ADVERTISE_LISTEN=" advertise $KAM_ADVERTISE"
  fi
  local vars='${KAM_ADVERTISE_ALIAS} ${KAM_ADVERTISE_LISTEN} ${KAM_ADDR} ${KAM_AUTH_PASS} ${KAM_PORT} ${KAM_TCP_WORKERS} ${KAM_MPATH} ${KAM_TLS_VERIFY} ${KAM_CERT} ${KAM_UPSTREAM} ${RUN_DIR} ${CERT_DIR} ${SERVER_NAME}'
  envsubst "$vars" <"$E2E_DIR/conf/kamailio.cfg.in" >"$RUN_DIR/kamailio.cfg"
  envsubst "$vars" <"$E2E_DIR/conf/tls.cfg.in" >"$RUN_DIR/tls.cfg"
  kamailio -c "${defs[@]}" -f "$RUN_DIR/kamailio.cfg" >"$RUN_DIR/kamailio-check.log" 2>&1 \
    || { tail -20 "$RUN_DIR/kamailio-check.log" >&2; die "kamailio config check failed"; }
  # -DD: main process in the foreground (workers are forked and exit with it), -E: log to stderr
  timeout -k 5 "$MAX_LIFE" kamailio -DD -E "${defs[@]}" -f "$RUN_DIR/kamailio.cfg" -m "${KAM_SHM_MB:-256}" -M 16 \
      -Y "$RUN_DIR" >>"$RUN_DIR/kamailio-$certset.log" 2>&1 &
  KAM_PID=$!; track "$KAM_PID"
  wait_port "$KAM_PORT" 15 "$KAM_PID" || { tail -20 "$RUN_DIR/kamailio-$certset.log" >&2; die "kamailio did not start"; }
  log "kamailio registrar: tls $KAM_ADDR:$KAM_PORT, cert $KAM_CERT.crt, client-cert verify: $verify (pid $KAM_PID)"
}

# ---------------------------------------------------------------- sipp (Debian sip-tester, TCP only)
# -max_socket: sipp's default (50000) exceeds many hard open-file limits; sipp then refuses "-t tn".
_max_socket() { local h; h=$(ulimit -Hn); [[ "$h" == unlimited ]] && h=65536; local m=$((h - 200)); ((m > 16000)) && m=16000; echo "$m"; }
# SIP_TRANSPORT: what Via / Contact say. sipp's own [transport] would say TCP (it only sees the plain
# leg); a real phone behind TLS says TLS, so the scenarios use the [sip_transport] key (default TLS).
SIPP_COMMON=(-i 127.0.0.1 -nostdin -max_socket "$(_max_socket)" -key sip_transport "${SIP_TRANSPORT:-TLS}"
             -key domain "${SIP_DOMAIN:-$SERVER_NAME}")
# scenario_file register-uac|register-uas|invite-uac|invite-uas|FILE.xml -> path
#   invite-*: sipp's built-in uac/uas, dumped from the installed sipp (-sd) with [transport] ->
#   [sip_transport], the uas's Contact port -> [sip_contact_port] (its TLS address, the stunnel port,
#   so ACK/BYE routed to the Contact arrive), and without the uas's final 4 s <timewait> (it only
#   serves UDP retransmissions; over TCP a connection closed during it - every call with -t tn -
#   makes the UAS count the call as failed)
scenario_file() {
  case "$1" in
    register-uac|register-uas) echo "$E2E_DIR/scenarios/$1.xml" ;;
    invite-uac|invite-uas) local f="$RUN_DIR/$1.xml"
      [[ -s "$f" ]] || "$SIPP" -sd "${1#invite-}" | sed -e 's/\[transport\]/[sip_transport]/g' -e '/<timewait /d' \
        -e 's/^\( *Contact: <sip:\[local_ip\]:\)\[local_port\]/\1[sip_contact_port]/' >"$f"
      [[ -s "$f" ]] || die "could not dump sipp's built-in ${1#invite-} scenario"
      echo "$f" ;;
    *.xml) [[ -f "$1" ]] || die "no scenario file $1"; echo "$1" ;;
    *) die "unknown scenario '$1' (register|invite|FILE.xml)" ;;
  esac
}
# sipp_uas_start TCP_PORT SCENARIO -> UAS_PID (plain TCP UAS on 127.0.0.1:TCP_PORT, screen $RUN_DIR/uas.out)
sipp_uas_start() {
  local port="$1" scen="$2" extra=() sf
  require_cmd "$SIPP"; require_port_free "$port"
  sf=$(scenario_file "$scen")
  # a re-/un-REGISTER reuses the Call-ID; by default sipp drops it as a "dead call" for 33 s
  [[ "$scen" == register-uas ]] && extra+=(-deadcall_wait 0)
  [[ "${TRACE:-0}" == 1 ]] && extra+=(-trace_err -error_file "$RUN_DIR/uas-errors.log" -trace_msg -message_file "$RUN_DIR/uas-messages.log")
  timeout -k 5 "$MAX_LIFE" "$SIPP" -t t1 -sf "$sf" -p "$port" "${SIPP_COMMON[@]}" \
      -key sip_contact_port "${UAS_CONTACT_PORT:-$UAS_TLS_PORT}" "${extra[@]}" -timeout "$((MAX_LIFE - 5))s" >"$RUN_DIR/uas.out" 2>&1 &
  UAS_PID=$!; track "$UAS_PID"
  wait_port "$port" 10 "$UAS_PID" || { tail "$RUN_DIR/uas.out" >&2; die "sipp UAS did not start"; }
  log "sipp UAS ($scen): tcp 127.0.0.1:$port (pid $UAS_PID)"
}
# uas_counts -> "uas_ok=N uas_failed=M" from the UAS screen (final after the UAS was stopped)
uas_counts() { awk -F'|' '/Successful call/ {ok=$3+0} /Failed call/ {bad=$3+0}
  END {printf "uas_ok=%d uas_failed=%d\n", ok, bad}' "$RUN_DIR/uas.out"; }
# sipp_uac_run TARGET_PORT SCENARIO MODE(t1|tn) COUNT RATE  -> prints one key=value line, returns sipp's rc
#   Sends COUNT calls at RATE/s to 127.0.0.1:TARGET_PORT (the stunnel client). Bounded by sipp's
#   -timeout (COUNT/RATE + 30 s) and coreutils timeout. A call not answered within RECV_TIMEOUT_MS
#   (default 5000) fails. LIMIT = max calls in flight (default 200). Screen: $RUN_DIR/uac-TAG.out
sipp_uac_run() {
  local port="$1" scen="$2" mode="$3" count="$4" rate="$5" secs extra=() t0 t1 rc tag="${6:-$2-$3}"
  require_cmd "$SIPP"; require_port_free "$UAC_SIP_PORT"
  secs=$(( count / rate + 30 ))
  [[ "${TRACE:-0}" == 1 ]] && extra+=(-trace_err -error_file "$RUN_DIR/uac-$tag-errors.log" -trace_msg -message_file "$RUN_DIR/uac-$tag-messages.log")
  [[ -n "${UAC_SERVICE:-}" ]] && extra+=(-s "$UAC_SERVICE")   # the Request-URI's user (sipp default: service)
  local sf; sf=$(scenario_file "$scen"); rm -f "$RUN_DIR"/*_rtt.csv
  t0=$(date +%s.%N)
  # -trace_rtt writes <scenario>_<pid>_rtt.csv (response times in ms; ~4 ms steps here) into the cwd
  (cd "$RUN_DIR" && exec timeout -k 5 "$((secs + 10))" "$SIPP" "127.0.0.1:$port" -t "$mode" -sf "$sf" \
      -p "$UAC_SIP_PORT" "${SIPP_COMMON[@]}" -m "$count" -r "$rate" -l "${LIMIT:-200}" \
      -recv_timeout "${RECV_TIMEOUT_MS:-5000}" -timeout "${secs}s" -trace_rtt -rtt_freq 1 "${extra[@]}" \
      >"$RUN_DIR/uac-$tag.out" 2>&1)
  rc=$?; t1=$(date +%s.%N)
  cat "$RUN_DIR"/*_rtt.csv 2>/dev/null | awk -F';' 'NR>1 && $2 ~ /^[0-9.]+$/ {print $2}' | sort -n >"$RUN_DIR/uac-$tag-rtt.txt"
  rm -f "$RUN_DIR"/*_rtt.csv
  # sipp's final screen: "Successful call | <periodic> | <cumulative>"; calls never made count as failed;
  # wall time measured here (sipp's own "Elapsed Time" / "Response Time" are printed as 0 on exit)
  awk -F'|' -v t0="$t0" -v t1="$t1" -v rc="$rc" -v want="$count" -v rttf="$RUN_DIR/uac-$tag-rtt.txt" '
    /Successful call/ {ok=$3+0} /Failed call/ {bad=$3+0}
    END {w=t1-t0; if (ok+bad < want) bad=want-ok
         n=0; while ((getline v < rttf) > 0) r[++n]=v
         rtt = n ? sprintf("rtt_ms_p50=%d rtt_ms_p99=%d rtt_ms_max=%d", r[int(n*0.5)>0?int(n*0.5):1], r[int(n*0.99)>0?int(n*0.99):1], r[n]) : "rtt_ms_p50=na"
         printf "uac_ok=%d uac_failed=%d wall_s=%.2f cps=%.1f sipp_rc=%d %s\n", ok, bad, w, (w>0?ok/w:0), rc, rtt}' "$RUN_DIR/uac-$tag.out"
  return "$rc"
}
# kv KEY LINE -> value of KEY=... in a key=value line
kv() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2" | head -1; }
# check NAME STATUS(0 = pass) DETAILS -> the line "check=$CHECK_PREFIX-NAME result=PASS|FAIL DETAILS";
# failures are counted in $fails (a chain script's exit status)
fails=0
check() {
  local v=PASS; (($2 == 0)) || { v=FAIL; fails=$((fails + 1)); }
  echo "check=$CHECK_PREFIX-$1 result=$v $3"
}
