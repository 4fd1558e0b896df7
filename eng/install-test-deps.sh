#!/usr/bin/env bash
# Installs the Debian packages the tests use as real receivers and services, when they are missing.
# Daemons are never started by the packages (policy-rc.d); tests start their own on loopback.
set -euo pipefail
declare -A need=(
  [syslog-ng]=syslog-ng-core          # real syslog receiver for UDP / TCP octet-counted / TLS tests
  [lognormalizer]=liblognorm-utils    # liblognorm's strict CEF parser
)
missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [[ -x "/usr/sbin/$cmd" ]] || missing+=("${need[$cmd]}")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-test-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-test-deps: installing ${missing[*]}" >&2
created_policy=0
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[[ $created_policy == 1 ]] && $sudo rm -f /usr/sbin/policy-rc.d
exit 0
