#!/usr/bin/env bash
# sip-alg's TLS policy probed from outside: for each profile of conf/sip-alg-policy.conf.in, start the
# runner (examples/target/sip-alg.jar) with that profile in front of kamailio and run openssl-probes.sh
# with what the profile must refuse and what it must allow:
#   pfs-require       non-forward-secret cipher refused, TLS 1.2 with ECDHE allowed   (RSA certificate)
#   pfs-allow         the same non-forward-secret cipher allowed                     (RSA certificate)
#   auth-client       no client certificate refused (TLS 1.2) / rejected (TLS 1.3); with one: allowed
#   strict            TLS 1.1 refused (ssl-min-version tls-1.2), renegotiation refused (deny)
#   fortios-defaults  TLS 1.1 allowed (tls-1.1 minimum), renegotiation allowed (SunJSSE performs it)
# Output: the probes' check= lines, prefixed per profile; last line "N passed, M failed".
# Exit status: number of failed checks. Env: as lib.sh (CERT_DIR, RUN_DIR, DUT_PORT, SIP_ALG_JAR, ...).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_cmd openssl; require_certs
export DUT=sip-alg SIP_ALG_CONFIG="$E2E_DIR/conf/sip-alg-policy.conf.in"
declare -A EXPECT=(
  [pfs-require]="nonpfs=refused tls1_2=ok"
  [pfs-allow]="nonpfs=ok"
  [auth-client]="nocert=refused|rejected cert=ok"
  [strict]="tls1_1=refused reneg=refused tls1_3=ok"
  [fortios-defaults]="tls1_1=ok reneg=ok"
)
passed=0; failed=0
for profile in pfs-require pfs-allow auth-client strict fortios-defaults; do
  log "=== policy probes: profile $profile"
  # "nocert=refused|rejected": either outcome is a refusal. openssl-probes.sh takes one expectation
  # per probe, so such probes run with "any" and are judged here.
  declare -A alternatives=(); args=()
  for e in ${EXPECT[$profile]}; do
    if [[ "$e" == *"|"* ]]; then alternatives[${e%%=*}]="|${e#*=}|"; args+=("${e%%=*}=any"); else args+=("$e"); fi
  done
  mkdir -p "$RUN_DIR/$profile"
  out=$(SIP_ALG_ARGS="--profile $profile --upstream-name $SERVER_NAME" RUN_DIR="$RUN_DIR/$profile" \
        bash "$E2E_DIR/openssl-probes.sh" --with-dut "${args[@]}" 2>>"$RUN_DIR/policy-probes.log")
  while read -r line; do
    [[ "$line" == check=* ]] || continue
    probe=$(kv check "$line"); probe=${probe#probe-}; got=$(kv got "$line")
    if [[ -n "${alternatives[$probe]:-}" ]]; then
      if [[ "${alternatives[$probe]}" == *"|$got|"* ]]; then v=PASS; else v=FAIL; fi
      line=$(sed -E "s/result=[A-Z]+/result=$v/; s/expected=any/expected=${alternatives[$probe]//|/,}/" <<<"$line")
    fi
    echo "profile=$profile $line"
    if [[ "$line" == *result=PASS* ]]; then passed=$((passed + 1)); elif [[ "$line" == *result=FAIL* ]]; then failed=$((failed + 1)); fi
  done <<<"$out"
done
echo "$passed passed, $failed failed"
exit "$failed"
