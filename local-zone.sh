#!/usr/bin/env bash
# Builds zonekeeper (tests skipped), unpacks the server distribution into ./run/ and
# starts a local zone of N servers (default 3) with its bin/zone-local.
# Usage: ./local-zone.sh [N]      N = 1, 3, 5 or 7
# Each run starts from a freshly unpacked distribution (a previous zone's data is lost).
set -euo pipefail
cd "$(dirname "$0")"

n=${1:-3}
[[ $n =~ ^[1357]$ ]] || { echo "local-zone.sh: N must be 1, 3, 5 or 7, not '$n'" >&2; exit 2; }

mvn -B -ntp -DskipTests install

shopt -s nullglob
tarballs=(karaf-distribution/target/zonekeeper-*.tar.gz)
((${#tarballs[@]} == 1)) || {
  echo "local-zone.sh: expected one karaf-distribution/target/zonekeeper-*.tar.gz, found ${#tarballs[@]}" >&2
  exit 1
}
top=$(tar -tzf "${tarballs[0]}" | sed -n '1s#/.*##p')
dist=$PWD/run/$top

if pgrep -f -- "$dist/" >/dev/null; then
  echo "local-zone.sh: a zone is still running from $dist: stop it with its bin/zone-local first" >&2
  exit 1
fi
rm -rf "$dist"
mkdir -p run
tar -xzf "${tarballs[0]}" -C run

cd "$dist"
exec bin/zone-local up "$n"
