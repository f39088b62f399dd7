#!/usr/bin/env bash
# openssl s_client probes of the DUT's phone-facing TLS listener, one key=value line per probe.
#   ./openssl-probes.sh [HOST:PORT] [PROBE[=EXPECTED] ...]      probe a DUT that is already running
#   ./openssl-probes.sh --with-dut [PROBE[=EXPECTED] ...]       start kamailio (registrar, upstream) and the
#                                                               DUT (DUT_CMD, default haproxy) first, stop after
#   default target 127.0.0.1:$DUT_PORT, default probes: all, no expectations
# PROBE:
#   tls1_1   offer only TLS 1.1 (with -cipher DEFAULT:@SECLEVEL=0: OpenSSL 3 otherwise aborts a TLS<=1.1
#            handshake ITSELF with "legacy sigalg disallowed", which would look like a refusal by the DUT)
#   tls1_2   offer only TLS 1.2            tls1_3   offer only TLS 1.3
#   nonpfs   -cipher AES128-GCM-SHA256 -no_tls1_3: static-RSA key exchange, not forward secret. Only an
#            RSA server cert can negotiate it (certs/server-rsa.*); against an EC cert it always fails.
#   nocert   no client certificate          cert     client.crt/client.key
#   reneg    TLS 1.2, then "R" on stdin = client-initiated renegotiation
# got=     ok        handshake completed (reneg: the renegotiation handshake completed too)
#          refused   handshake failed (alert or close); reneg: renegotiation refused/failed
#          rejected  handshake completed, then the peer sent a fatal alert (TLS 1.3 servers check the
#                    client cert AFTER the client considers the handshake done: "certificate required")
#          noconnect TCP connect failed (always a FAIL)
# EXPECTED: ok | refused | rejected | any. Output:
#   check=probe-NAME result=PASS|FAIL|INFO got= expected= protocol= cipher= verify= [peer_alert=] [error=]
#   (INFO: no expectation given; values have spaces replaced by "_")
# Exit status: number of FAIL lines. All probes but nocert offer client.crt if the server asks for one.
# Env: CERT_DIR, SERVER_NAME (SNI + verified name), HOLD (s to stay connected after the handshake to catch
#      late alerts, default 1), PROBE_ARGS (extra s_client args for every probe), VERBOSE=1 (s_client output)
# haproxy as configured in conf/haproxy.cfg gives: tls1_1=refused tls1_2=ok tls1_3=ok nonpfs=refused
#   nocert=ok cert=ok reneg=refused (it answers the renegotiation with warning no_renegotiation).
# Raw equivalents (plus -brief -msg -CAfile ca.crt -verify_hostname/-servername sip.example.test):
#   openssl s_client -connect 127.0.0.1:5061 -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null
#   openssl s_client -connect 127.0.0.1:5061 -cipher AES128-GCM-SHA256 -no_tls1_3 </dev/null
#   (sleep 0.5; echo R; sleep 1) | openssl s_client -connect 127.0.0.1:5061 -tls1_2 -msg
#      renegotiated iff two "<<< TLS 1.2, Handshake ... Finished" lines; R only works without -quiet /
#      -ign_eof, and OpenSSL 3 servers refuse client renegotiation unless configured to allow it
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
with_dut=0; target="127.0.0.1:$DUT_PORT"
if [[ "${1:-}" == --with-dut ]]; then with_dut=1; shift
elif [[ "${1:-}" == *:* && "${1:-}" != *=* ]]; then target="$1"; shift; fi
require_loopback "$target"; require_cmd openssl; require_certs
probes=("$@"); ((${#probes[@]})) || probes=(tls1_1 tls1_2 tls1_3 nonpfs nocert cert reneg)
HOLD="${HOLD:-1}"
if ((with_dut)); then
  log "=== probes: starting kamailio (upstream) and the DUT $(dut_name); run dir $RUN_DIR"
  kamailio_start good
  dut_start P "127.0.0.1:$KAM_PORT"
fi
# shellcheck disable=SC2206
common=(-connect "$target" -servername "$SERVER_NAME" -CAfile "$CERT_DIR/ca.crt" -verify_hostname "$SERVER_NAME"
        -brief -msg ${PROBE_ARGS:-})
us() { tr ' ' '_' <<<"$1"; }

probe() { # NAME -> sets RESULT and LINE
  local name="$1" args=() stdin_cmd="sleep $HOLD" out est proto cipher verify alert detail fin
  local cert=(-cert "$CERT_DIR/client.crt" -key "$CERT_DIR/client.key")
  case "$name" in
    tls1_1) args=(-tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' "${cert[@]}") ;;
    tls1_2) args=(-tls1_2 "${cert[@]}") ;;
    tls1_3) args=(-tls1_3 "${cert[@]}") ;;
    nonpfs) args=(-cipher AES128-GCM-SHA256 -no_tls1_3 "${cert[@]}") ;;
    nocert) args=() ;;
    cert)   args=("${cert[@]}") ;;
    reneg)  args=(-tls1_2 "${cert[@]}"); stdin_cmd="sleep 0.5; echo R; sleep $HOLD" ;;
    *) die "unknown probe $name (tls1_1 tls1_2 tls1_3 nonpfs nocert cert reneg)" ;;
  esac
  out=$(bash -c "$stdin_cmd" | timeout -k 2 $((HOLD + 10)) openssl s_client "${common[@]}" "${args[@]}" 2>&1)
  [[ "${VERBOSE:-0}" == 1 ]] && printf '%s\n' "$out" | sed "s/^/  [$name] /" >&2
  est=$(grep -c "^CONNECTION ESTABLISHED" <<<"$out")
  proto=$(sed -n 's/^Protocol version: //p' <<<"$out" | head -1)
  cipher=$(sed -n 's/^Ciphersuite: //p' <<<"$out" | head -1)
  verify=$(grep -m1 -E "^Verification( error)?:" <<<"$out" | sed 's/^Verification: //; s/^Verification error: /error: /')
  # first alert received from the peer (<<< ... Alert ... fatal X / warning X), else OpenSSL's error text
  alert=$(grep -m1 -E "^<<< .*Alert .*(fatal|warning) " <<<"$out" | sed -E 's/.*(fatal|warning) /\1 /')
  detail=$(grep -m1 -E ":error:|errno=" <<<"$out" | sed -E 's/^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]*):.*/\1/')
  if grep -q -E "connect:errno=|Connection refused" <<<"$out" && ((est == 0)); then RESULT=noconnect
  elif ((est == 0)); then RESULT=refused
  elif [[ "$name" == reneg ]]; then
    fin=$(grep -c -E "^<<< TLS 1.2, Handshake .*Finished" <<<"$out")
    if ((fin >= 2)); then RESULT=ok; else RESULT=refused; fi
  elif [[ "$alert" == fatal* ]]; then RESULT=rejected
  else RESULT=ok; fi
  LINE="got=$RESULT expected=${WANT:--} protocol=$(us "${proto:--}") cipher=$(us "${cipher:--}") verify=$(us "${verify:--}")"
  [[ -n "$alert" ]] && LINE+=" peer_alert=$(us "$alert")"
  [[ -n "$detail" ]] && LINE+=" error=$(us "$detail")"
  return 0
}

bad=0
for spec in "${probes[@]}"; do
  name="${spec%%=*}"; WANT=""; [[ "$spec" == *=* ]] && WANT="${spec#*=}"
  [[ -z "$WANT" || "$WANT" =~ ^(ok|refused|rejected|any)$ ]] || die "expected value for $name: ok|refused|rejected|any"
  probe "$name"
  if [[ "$RESULT" == noconnect ]]; then v=FAIL
  elif [[ -z "$WANT" || "$WANT" == any ]]; then v=INFO
  elif [[ "$WANT" == "$RESULT" ]]; then v=PASS
  else v=FAIL; fi
  [[ "$v" == FAIL ]] && bad=$((bad + 1))
  echo "check=probe-$name result=$v $LINE"
done
if ((with_dut)); then
  alive=$(dut_alive); [[ "$alive" == yes ]] || bad=$((bad + 1))
  echo "check=probe-dut-alive result=$([[ $alive == yes ]] && echo PASS || echo FAIL) dut_alive=$alive"
fi
exit "$bad"
