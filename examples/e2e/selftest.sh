#!/usr/bin/env bash
# Proves the rig can fail: runs its checks against deliberately broken haproxy DUTs and expects each
# breakage to be reported as FAIL (a check that cannot fail proves nothing).
#   ./selftest.sh            ~30 s; one line per case, last line "N passed, M failed"; exit 0 iff all detected
# Cases (result=PASS means the rig caught the breakage):
#   noverify       upstream "ssl verify none": kamailio-chain.sh wrongca must report FAIL (REGISTERs got 200)
#   noclientcert   no client cert upstream: sipp-chain.sh (the UAS stunnel requires one) must report FAIL
#   dutdies        the DUT exits mid-run: sipp-chain.sh must report FAIL with dut_alive=no
#   probemismatch  openssl-probes.sh with expectations haproxy does not meet must report FAIL
# Env: RUN_DIR (parent of each case's work dir)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOP="${RUN_DIR:-$(mktemp -d /tmp/sip-alg-e2e-selftest.XXXXXX)}"; mkdir -p "$TOP"
"$HERE/make-certs.sh" >&2 || exit 2
sed 's/ssl verify required ca-file "${CERT_DIR}\/ca.crt" verifyhost "${SERVER_NAME}"/ssl verify none/' \
  "$HERE/conf/haproxy.cfg" >"$TOP/haproxy-noverify.cfg"
sed 's/ crt "${CERT_DIR}\/client.pem"//' "$HERE/conf/haproxy.cfg" >"$TOP/haproxy-noclientcert.cfg"
grep -q "verify none" "$TOP/haproxy-noverify.cfg" && ! grep -q "client.pem" "$TOP/haproxy-noclientcert.cfg" \
  || { echo "could not derive the broken configs from conf/haproxy.cfg" >&2; exit 2; }
pass=0; fail=0
expect_fail() { # NAME GREP-PATTERN(any line that must appear) CMD...
  local name="$1" pat="$2"; shift 2
  mkdir -p "$TOP/$name"
  RUN_DIR="$TOP/$name" "$@" >"$TOP/$name.out" 2>"$TOP/$name.log"; local rc=$?
  if ((rc != 0)) && grep -q -E "$pat" "$TOP/$name.out"; then
    pass=$((pass + 1)); echo "check=selftest-$name result=PASS detected=yes rc=$rc line=$(grep -m1 -E "$pat" "$TOP/$name.out" | cut -d' ' -f1-2 | tr ' ' ,)"
  else
    fail=$((fail + 1)); echo "check=selftest-$name result=FAIL detected=no rc=$rc out=$TOP/$name.out"
  fi
}
expect_fail noverify 'check=kamailio-chain-wrongca-tn result=FAIL .*uac_ok=[1-9]' \
  env DUT_CMD="HAP_CFG='$TOP/haproxy-noverify.cfg' exec \"\$E2E_DIR/haproxy-dut.sh\"" COUNT=20 RATE=100 \
      WRONG_MODES=tn "$HERE/kamailio-chain.sh" wrongca
expect_fail noclientcert 'check=sipp-chain-register-tn result=FAIL .*uac_ok=0' \
  env DUT_CMD="HAP_CFG='$TOP/haproxy-noclientcert.cfg' exec \"\$E2E_DIR/haproxy-dut.sh\"" COUNT=20 RATE=100 \
      MODES=tn "$HERE/sipp-chain.sh" register
expect_fail dutdies 'check=sipp-chain-register-uas result=FAIL .*dut_alive=no' \
  env DUT_CMD='exec timeout 3 "$E2E_DIR/haproxy-dut.sh"' COUNT=400 RATE=200 MODES="t1 tn" \
      "$HERE/sipp-chain.sh" register
expect_fail probemismatch 'check=probe-reneg result=FAIL' \
  "$HERE/openssl-probes.sh" --with-dut tls1_3=ok reneg=ok
echo "$pass passed, $fail failed"
((fail == 0))
