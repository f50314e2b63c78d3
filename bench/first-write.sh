#!/usr/bin/env bash
# First write after a leader fault, as an operator sees it: in a local 3-server zone (H2), the
# leader is frozen (SIGSTOP) or killed (kill -9), and a host:create is sent at once through a
# surviving server's shell; its wall time is measured, TRIALS times per fault, next to the same
# command's time with no fault (the shell's own cost). Prints a table and writes
# bench/results/DATE-first-write.json. Usage: bench/first-write.sh [TRIALS]   (default 20)
# Needs a built distribution (./local-zone.sh or mvn install); works in bench/target/first-write/.
set -euo pipefail
exec 3>&1
bench=$(cd "$(dirname "$0")" && pwd -P)
root=$(dirname "$bench")
trials=${1:-20}
[[ $trials =~ ^[1-9][0-9]*$ ]] || { echo "first-write.sh: TRIALS must be a positive number, not '$trials'" >&2; exit 2; }

shopt -s nullglob
tarballs=("$root"/karaf-distribution/target/zonekeeper-*.tar.gz)
((${#tarballs[@]} == 1)) || { echo "first-write.sh: build the distribution first (mvn -DskipTests install)" >&2; exit 1; }
work=$bench/target/first-write
top=$(tar -tzf "${tarballs[0]}" | sed -n '1s#/.*##p')
if pgrep -f -- "$work/" >/dev/null; then
  echo "first-write.sh: processes of a previous run still use $work/ (pgrep -af $work/)" >&2
  exit 1
fi
rm -rf "$work"
mkdir -p "$work"
tar -xzf "${tarballs[0]}" -C "$work"
zl=$work/$top/bin/zone-local
export ZONE_LOCAL_HOME=$work/zone ZONE_LOCAL_RAFT_PORT=19800 ZONE_LOCAL_SSH_PORT=18201
trap '"$zl" down >/dev/null 2>&1 || true' EXIT

leader() { "$zl" exec "$1" zone:show | awk -F'|' '$3 ~ /leader/ {gsub(/ /, "", $1); print $1; exit}'; }
ms() { date +%s%3N; }
# timed I CMD: prints the milliseconds CMD took on server I (fails if it failed)
timed() { local t0; t0=$(ms); "$zl" exec "$1" "$2" >/dev/null; echo $(($(ms) - t0)); }

"$zl" up 3 >/dev/null
declare -A results=()
n=0
for fault in none frozen killed; do
  values=()
  for ((t = 1; t <= trials; t++)); do
    l=""
    for _ in $(seq 60); do l=$(leader 0 2>/dev/null || true); [[ -n $l ]] && break; sleep 1; done
    [[ -n $l ]] || { echo "first-write.sh: no leader" >&2; exit 1; }
    s=$(((l + 1) % 3))
    timed "$s" "host:create warm-$((n += 1))" >/dev/null
    case $fault in
      frozen) "$zl" pause "$l" ;;
      killed) "$zl" kill "$l" ;;
    esac
    values+=("$(timed "$s" "host:create fw-$((n += 1))")")
    case $fault in
      frozen) "$zl" resume "$l" ;;
      killed) "$zl" start "$l" >/dev/null ;;
    esac
    echo "$fault trial $t: ${values[-1]} ms" >&2
    sleep 2
  done
  results[$fault]=$(printf '%s\n' "${values[@]}" | sort -n | tr '\n' ' ')
done

json=$bench/results/$(date +%F)-first-write.json
mkdir -p "$bench/results"
printf '%-8s %7s %7s %7s   %s\n' FAULT TRIALS P50_MS MAX_MS "EACH (sorted)" >&3
{
  printf '{\n  "date": "%s",\n  "cores": %d,\n  "zone": "3 servers, H2, default timings",\n' "$(date +%F)" "$(nproc)"
  printf '  "what": "wall time of host:create through a surviving server shell, sent right after the fault",\n'
  sep=""
  for fault in none frozen killed; do
    read -r -a v <<< "${results[$fault]}"
    p50=${v[$(((${#v[@]} - 1) / 2))]}
    max=${v[-1]}
    printf '%-8s %7d %7d %7d   %s\n' "$fault" "${#v[@]}" "$p50" "$max" "${results[$fault]}" >&3
    printf '%s  "%s": {"trials": %d, "p50Ms": %d, "maxMs": %d, "msSorted": [%s]}' "$sep" "$fault" "${#v[@]}" \
      "$p50" "$max" "$(IFS=,; echo "${v[*]}")"
    sep=$',\n'
  done
  printf '\n}\n'
} > "$json"
echo "figures written to $json" >&2
