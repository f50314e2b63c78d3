#!/usr/bin/env bash
# The zonekeeper benchmark (see README.md): writes/s, p50/p99 latency and failover time of a
# local 3-server zone (H2, then MariaDB) and of a 3-member etcd, printed as tables.
# Usage: bench/run.sh [--NAME=VALUE ...]  e.g. --sequential=500 --pipelined=5000 --kills=3 --dbs=h2
# (or BENCH_NAME=VALUE in the environment; the names and defaults are in Options.java).
# BENCH_JAVA_OPTS: extra options for the benchmark's JVM.
# Builds what it needs, installs etcd and MariaDB from Debian if missing, and unpacks the server
# distribution into bench/target/. Works in bench/target/work/; ports 19700+, 18101+, 12379+.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd -P)
root=$(dirname "$bench")
target=$bench/target

if pgrep -f -- "$target/" >/dev/null; then
  echo "run.sh: processes from a previous run still use $target/ (pgrep -af $target/)" >&2
  exit 1
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for p in etcd-server etcd-client mariadb-server openssh-client; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "run.sh: installing ${missing[*]}" >&2
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  # policy-rc.d exit 101: the packages must not start their system services (we run our own).
  policy=/usr/sbin/policy-rc.d
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    trap '"${sudo[@]}" rm -f "$policy"' EXIT
  fi
  "${sudo[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

# Maven's output goes to stderr: stdout is the benchmark's report only.
build_all() { (cd "$root" && mvn -B -q -DskipTests install >&2); }
# This module and copies of its run-time jars (the zone's client: Copycat on the parent's Netty 4.1),
# so that a concurrent mvn install cannot change them under the running benchmark.
build_bench() {
  rm -rf "${target:?}/lib"
  (cd "$bench" && mvn -B -q -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$target/lib" >&2)
}
shopt -s nullglob
tarballs=("$root"/karaf-distribution/target/zonekeeper-*.tar.gz)
if ((${#tarballs[@]} == 0)); then
  build_all
  tarballs=("$root"/karaf-distribution/target/zonekeeper-*.tar.gz)
fi
((${#tarballs[@]} == 1)) || { echo "run.sh: expected one zonekeeper-*.tar.gz, found ${#tarballs[@]}" >&2; exit 1; }
# Without the modules in the local repository (e.g. after mvn package only), install them first.
build_bench 2>/dev/null || { build_all && build_bench; }
# jetcd's own jars (Vert.x 5, Netty 4.2), loaded apart from the zone's client.
rm -rf "${target:?}/etcd-lib"
mvn -B -q -f "$bench/etcd-client.xml" dependency:copy-dependencies -DoutputDirectory="$target/etcd-lib" >&2

top=$(tar -tzf "${tarballs[0]}" | sed -n '1s#/.*##p')
rm -rf "${target:?}/$top" "${target:?}/work"
tar -xzf "${tarballs[0]}" -C "$target"

# BENCH_JAVA_OPTS: extra JVM options, e.g. -Dorg.slf4j.simpleLogger.log.io.atomix.copycat.client=debug
# shellcheck disable=SC2086 # options are words
java --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_JAVA_OPTS:-} \
  -cp "$target/classes:$target/lib/*" org.zonekeeper.bench.Bench \
  --dist="$target/$top" --work="$target/work" --etcd-lib="$target/etcd-lib" --results="$bench/results" "$@"
