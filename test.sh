#!/usr/bin/env bash
# The project's test command: installs the real peers the tests use (Debian
# packages), then builds and tests every module. Usage: ./test.sh [extra mvn args]
set -euo pipefail
cd "$(dirname "$0")"

# Real peers: MariaDB binaries (the system service is never used), an IPMI BMC
# simulator and client, fence agents (fence_ilo talks TLS through gnutls-cli),
# and the tools of the floating-IP hook.
packages=(mariadb-server openipmi ipmitool fence-agents gnutls-bin arping iproute2 openssl tcpdump
          openssh-client procps libvirt-daemon libvirt-clients qemu-system-x86)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${packages[@]}"; do
  installed "$p" && continue
  # hook-scripts/raft/vip.sh works with either arping; don't swap one for the other.
  [[ $p == arping ]] && installed iputils-arping && continue
  missing+=("$p")
done

if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}" >&2
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # policy-rc.d exit 101: packages must not start their services (we only use binaries).
  policy=/usr/sbin/policy-rc.d
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    trap '"${sudo[@]}" rm -f "$policy"' EXIT
  fi
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

mvn -B -ntp install "$@"
