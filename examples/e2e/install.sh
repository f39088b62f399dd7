#!/usr/bin/env bash
# Install the real peers of the end-to-end rig: Debian 12 packages only, as root, idempotent.
#   ./install.sh            then runs make-certs.sh (test PKI into $CERT_DIR, default ./certs)
# Fast when everything is there: `dpkg-query` first; `apt-get update` (once) only if a package is missing.
# Env: SKIP_APT_UPDATE=1 (never run apt-get update), SKIP_CERTS=1 (do not run make-certs.sh)
# Package postinst scripts must not start kamailio/haproxy/stunnel as services (Debian's kamailio config
# listens on all interfaces): a temporary /usr/sbin/policy-rc.d answering 101 ("action not allowed") is
# put in place for the install, only if none exists, and removed afterwards. The packages stay *enabled*
# for the next boot: on a machine that lives on, `systemctl disable --now kamailio haproxy stunnel4`.
# Checked with (Debian 12, 2026-11): sip-tester 1:3.6.1 (sipp, NO TLS), stunnel4 3:5.68, haproxy 2.6.12,
# kamailio + kamailio-tls-modules 5.6.3, openssl 3.0, baresip-core 1.0.0.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DEBIAN_FRONTEND=noninteractive
pkgs=(sip-tester stunnel4 haproxy kamailio kamailio-tls-modules openssl baresip-core python3
      coreutils iproute2 procps gettext-base gawk)   # timeout, ss, ps, envsubst, awk; python3: pbx.py
missing=(); for p in "${pkgs[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == "install ok installed" ]] || missing+=("$p"); done
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] || { echo "missing packages (${missing[*]}): run install.sh as root" >&2; exit 1; }
  echo "installing: ${missing[*]}" >&2
  [[ "${SKIP_APT_UPDATE:-0}" == 1 ]] || apt-get update -qq
  made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null
  ((made_policy)) && rm -f /usr/sbin/policy-rc.d
  trap - EXIT
fi
for p in sip-tester stunnel4 haproxy kamailio kamailio-tls-modules openssl baresip-core; do
  dpkg-query -W -f='package=${Package} version=${Version}\n' "$p"; done
[[ "${SKIP_CERTS:-0}" == 1 ]] || "$HERE/make-certs.sh" "${CERT_DIR:-$HERE/certs}"
