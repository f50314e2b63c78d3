#!/usr/bin/env bash
# Floating IP hook, run by the zone on leadership changes.
#
#   vip.sh leader|follower IFACE IP/CIDR [IFACE IP/CIDR ...]
#
# leader:   add each IPv4 address to its interface if absent, then announce it
#           with gratuitous ARP, 3 times in ~3 s, all addresses in parallel (a
#           failed announcement is a warning only).
# follower: remove each address if present.
# Idempotent. Exit 0 done, 1 an `ip` command failed, 2 bad arguments.
set -uo pipefail
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin   # hooks may run with a user's PATH

prog=${0##*/}
usage="usage: $prog leader|follower IFACE IP/CIDR [IFACE IP/CIDR ...]"

bad_args() { echo "$prog: $1; $usage" >&2; exit 2; }
err() { echo "$prog: $*" >&2; }

octet='(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'
cidr_re="^$octet\.$octet\.$octet\.$octet/([0-9]|[12][0-9]|3[0-2])\$"
iface_re='^[A-Za-z0-9_.:@-]{1,15}$'

(($# >= 1)) || bad_args "missing role"
role=$1; shift
[[ $role == leader || $role == follower ]] || bad_args "bad role '$role' (want leader or follower)"
(($# >= 2)) || bad_args "missing IFACE IP/CIDR"
(($# % 2 == 0)) || bad_args "IFACE '${*: -1}' has no IP/CIDR"
args=("$@")
for ((i = 0; i < ${#args[@]}; i += 2)); do
  [[ ${args[i]} =~ $iface_re ]] || bad_args "bad interface name '${args[i]}'"
  [[ ${args[i+1]} =~ $cidr_re ]] || bad_args "bad address '${args[i+1]}' (want IPv4/CIDR, e.g. 192.0.2.10/24)"
done

command -v ip >/dev/null || { err "ip not found (install iproute2)"; exit 1; }

# has_addr IFACE IP/CIDR: is exactly this address on the interface?
has_addr() {
  local out
  out=$(ip -o -4 addr show dev "$1" 2>&1) || { err "$1: ${out:-ip addr show failed}"; return 2; }
  awk -v a="$2" '$3 == "inet" && $4 == a { found = 1 } END { exit !found }' <<<"$out"
}

# announce IFACE IP: gratuitous ARP with whichever arping is installed.
announce() {
  local out rc
  command -v arping >/dev/null || { err "warning: arping not found, $2 not announced"; return 0; }
  if arping -V 2>&1 | grep -q iputils; then           # iputils-arping
    out=$(arping -U -c 3 -I "$1" "$2" 2>&1); rc=$?
  else                                                # Debian's arping (Habets)
    # -S: without it the sender is the interface's primary address, not the VIP.
    # Exits 1 when nobody answers, which is normal for unsolicited ARP.
    out=$(arping -U -c 3 -i "$1" -S "$2" "$2" 2>&1); rc=$?
    if ((rc == 1)) && grep -Eq '^[1-9][0-9]* packets transmitted' <<<"$out"; then rc=0; fi
  fi
  ((rc == 0)) || err "warning: gratuitous ARP for $2 on $1 failed (arping exit $rc): $(awk 'NF { l = $0 } END { print l }' <<<"$out")"
}

status=0
for ((i = 0; i < ${#args[@]}; i += 2)); do
  iface=${args[i]} addr=${args[i+1]}
  has_addr "$iface" "$addr"; present=$?
  ((present == 2)) && { status=1; continue; }
  if [[ $role == leader ]]; then
    if ((present == 1)); then
      # Re-check on failure: a concurrent run may have added it meanwhile.
      if ! out=$(ip addr add "$addr" dev "$iface" 2>&1) && ! has_addr "$iface" "$addr"; then
        err "ip addr add $addr dev $iface: $out"; status=1; continue
      fi
    fi
    announce "$iface" "${addr%/*}" &   # ~3 s each, so in the background, all at once
  elif ((present == 0)); then
    if ! out=$(ip addr del "$addr" dev "$iface" 2>&1) && has_addr "$iface" "$addr"; then
      err "ip addr del $addr dev $iface: $out"; status=1
    fi
  fi
done
wait
exit "$status"
