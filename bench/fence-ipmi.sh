#!/usr/bin/env bash
# Off + confirm latency of zonekeeper's ipmi driver vs Debian's fence_ipmilan against ipmi_sim.
# Usage: bench/fence-ipmi.sh [RUNS]   (default 20; see README.md). Installs openipmi, ipmitool and
# fence-agents from Debian if missing.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd -P)
root=$(dirname "$bench")
target=$bench/target

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for p in openipmi ipmitool fence-agents; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

(cd "$root" && mvn -B -q -DskipTests install -pl bench -am >&2)
rm -rf "${target:?}/fence-lib"
(cd "$bench" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$target/fence-lib" >&2)
java -cp "$target/classes:$target/fence-lib/*" org.zonekeeper.bench.FenceIpmiBench "$@"
