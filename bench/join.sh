#!/usr/bin/env bash
# An empty server joining a filled zone (issue 8): a local 3-server zone (H2) is filled with ENTRIES applied
# entries (hosts, then VMS VM creates, then host enable/disable and VM HA priority changes), every server applies
# them and compacts its Raft log, then a 4th, empty server is added (zone-local add) and the time from its JVM's
# start until its applied index and digest equal the leader's is measured, with its peak heap (jstat) and whether it
# caught up by snapshot. Prints a table and writes bench/results/DATE-join.json.
# Usage: bench/join.sh [ENTRIES [VMS]] [--NAME=VALUE ...]   (defaults 1000000 and 100000; names in Options.java:
# --hosts, --compaction-ms, --segment-entries, --join-seconds). Filling ran at 1,000-1,250 entries/s on 2 cores.
# Needs a built distribution (./local-zone.sh or mvn install); builds this module; works in bench/target/join/;
# ports 19900+ (Raft, status), 18301+ (SSH).
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd -P)
root=$(dirname "$bench")
target=$bench/target
work=$target/join
entries=1000000 vms=100000
[[ ${1:-} =~ ^[0-9]+$ ]] && { entries=$1; shift; }
[[ ${1:-} =~ ^[0-9]+$ ]] && { vms=$1; shift; }

shopt -s nullglob
tarballs=("$root"/karaf-distribution/target/zonekeeper-*.tar.gz)
((${#tarballs[@]} == 1)) || { echo "join.sh: build the distribution first (mvn -DskipTests install)" >&2; exit 1; }
if pgrep -f -- "$work/" >/dev/null; then
  echo "join.sh: processes of a previous run still use $work/ (pgrep -af $work/)" >&2
  exit 1
fi
rm -rf "${work:?}/lib"
mkdir -p "$work"
# This module and its run-time jars, copied apart (a concurrent build or run.sh cannot change them under the run).
(cd "$bench" && mvn -B -q -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$work/lib" >&2)
cp "$target"/zonekeeper-bench-*.jar "$work/lib/"

top=$(tar -tzf "${tarballs[0]}" | sed -n '1s#/.*##p')
rm -rf "${work:?}/$top" "$work/zone"
tar -xzf "${tarballs[0]}" -C "$work"
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "join.sh: distribution ${tarballs[0]##*/} built $(date -u -r "${tarballs[0]}" '+%F %T UTC'); HEAD $commit" >&2

# BENCH_JAVA_OPTS: extra JVM options for the benchmark's client
# shellcheck disable=SC2086 # options are words
java --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_JAVA_OPTS:-} \
  -cp "$work/lib/*" org.zonekeeper.bench.JoinBench \
  --dist="$work/$top" --work="$work" --results="$bench/results" --raft-port=19900 --ssh-port=18301 \
  --entries="$entries" --vms="$vms" --commit="$commit" "$@"
