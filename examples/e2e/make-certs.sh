#!/usr/bin/env bash
# Throw-away test PKI for the end-to-end rig (loopback only). EC P-256 / SHA-256 unless noted.
#   ./make-certs.sh [DIR] [--force]        DIR default: ./certs next to this script (git-ignored)
# Writes into DIR:
#   ca.crt ca.key                 self-signed test CA "ALG Test CA"
#   server.crt server.key         CN=sip.example.test, SAN DNS:sip.example.test, IP:127.0.0.1
#                                 (EKU serverAuth+clientAuth: the ALG may also present it upstream)
#   client.crt client.key         CN=phone.example.test, SAN DNS:phone.example.test (EKU clientAuth)
#   server.pem client.pem         cert + key concatenated (haproxy "crt")
#   server.key.p8.pem  client.key.p8.pem   the same keys as PKCS#8 "ENCRYPTED PRIVATE KEY" (PEM)
#   server.key.p8.der  client.key.p8.der   and DER; PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC,
#                                 password $KEY_PASS (default "changeit")
#   server.p12 client.p12         PKCS#12 (key + cert + CA), password $KEY_PASS
#   server-rsa.crt .key .pem      RSA-2048 server cert (same names, same CA): only for the non-forward-
#                                 secret probe (AES128-GCM-SHA256 is RSA key exchange: never with an EC cert)
#   wrong-ca.crt wrong-ca.key     a second, UNRELATED self-signed CA "Wrong Test CA"
#   wrong-server.crt .key .pem    CN/SAN exactly like server.crt, but signed by wrong-ca: a peer that
#                                 verifies against ca.crt must refuse it (kamailio-chain.sh wrongca)
#   truststore.p12                Java truststore with ca.crt (only if `keytool` is installed)
# Plain *.key files are unencrypted PKCS#8 ("BEGIN PRIVATE KEY"), mode 0600 (readable by the user who
# ran this only). Idempotent: an existing complete PKI is kept unless --force.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
D="${1:-$HERE/certs}"; FORCE="${2:-}"; [[ "$D" == --force ]] && { D="$HERE/certs"; FORCE=--force; }
PASS="${KEY_PASS:-changeit}"
command -v openssl >/dev/null || { echo "openssl not installed (install.sh)" >&2; exit 1; }
mkdir -p "$D"; cd "$D"
if [[ -f ca.crt && -f server.pem && -f client.pem && -f server.key.p8.der && -f client.p12 && -f server-rsa.pem \
      && -f wrong-server.pem && "$FORCE" != --force ]]; then
  echo "test PKI already present in $D (pass --force to regenerate)"; exit 0
fi
umask 077
ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
new_ca() { # $1=basename $2=CN
  ec_key "$1.key"
  openssl req -x509 -new -key "$1.key" -sha256 -days 3650 -subj "/O=ALG Test/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$1.crt"
}
issue() { # $1=name $2=CN $3=SAN $4=EKU $5=issuer basename [$6=rsa]
  local n="$1" ku=""
  if [[ "${6:-}" == rsa ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$n.key" 2>/dev/null; ku=",keyEncipherment"
  else ec_key "$n.key"; fi
  openssl req -new -key "$n.key" -subj "/O=ALG Test/CN=$2" -out "$n.csr"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature%s\nextendedKeyUsage=%s\nsubjectAltName=%s\n' \
    "$ku" "$4" "$3" >"$n.ext"
  openssl x509 -req -in "$n.csr" -CA "$5.crt" -CAkey "$5.key" -CAcreateserial -days 825 -sha256 \
    -extfile "$n.ext" -out "$n.crt" 2>/dev/null
  cat "$n.crt" "$n.key" >"$n.pem"
  rm -f "$n.csr" "$n.ext" "$5.srl"
}
SAN="DNS:sip.example.test,IP:127.0.0.1"
new_ca ca "ALG Test CA"
issue server sip.example.test "$SAN" "serverAuth,clientAuth" ca
issue client phone.example.test "DNS:phone.example.test" "clientAuth" ca
issue server-rsa sip.example.test "$SAN" "serverAuth,clientAuth" ca rsa
new_ca wrong-ca "Wrong Test CA"
issue wrong-server sip.example.test "$SAN" "serverAuth,clientAuth" wrong-ca

for n in server client; do
  openssl pkcs8 -topk8 -in "$n.key" -v2 aes-256-cbc -v2prf hmacWithSHA256 -passout "pass:$PASS" -out "$n.key.p8.pem"
  openssl pkcs8 -topk8 -in "$n.key" -v2 aes-256-cbc -v2prf hmacWithSHA256 -passout "pass:$PASS" -outform DER -out "$n.key.p8.der"
  openssl pkcs12 -export -in "$n.crt" -inkey "$n.key" -certfile ca.crt -name "$n" -passout "pass:$PASS" -out "$n.p12"
done
rm -f truststore.p12
if command -v keytool >/dev/null; then
  keytool -importcert -noprompt -alias alg-test-ca -file ca.crt -keystore truststore.p12 -storetype PKCS12 \
    -storepass "$PASS" >/dev/null 2>&1 || echo "(keytool failed: no truststore.p12)" >&2
fi
chmod 644 ./*.crt
# self-check: good chains verify, the wrong one verifies only against its own CA, encrypted keys decrypt
openssl verify -CAfile ca.crt server.crt client.crt server-rsa.crt
openssl verify -CAfile wrong-ca.crt wrong-server.crt
if openssl verify -CAfile ca.crt wrong-server.crt >/dev/null 2>&1; then
  echo "wrong-server.crt verifies against ca.crt: the wrong-CA test would be meaningless" >&2; exit 1; fi
for n in server client; do
  cmp -s <(openssl pkey -in "$n.key" -pubout) <(openssl pkey -in "$n.key.p8.pem" -passin "pass:$PASS" -pubout) \
    || { echo "$n.key.p8.pem does not decrypt to $n.key" >&2; exit 1; }
done
echo "test PKI written to $D:" *
