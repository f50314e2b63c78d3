#!/usr/bin/env bash
# VM HA benchmark: time from a host's power loss to all of its VMs RUNNING elsewhere (default settings,
# 10 power losses), and the leader's CPU monitoring 1,000 hosts. Runs itests' VmHaRecoveryBench against
# the built distribution, real node agents and ipmi_sim BMCs; writes bench/results/DATE-vm-ha.json.
# Usage: bench/vm-ha.sh [TRIALS [HOSTS]]
# Needs what ./test.sh installs (openipmi, ipmitool); takes about 10 minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"
mvn -B -q -ntp -DskipTests install >&2
mvn -B -ntp -pl itests test -Dtest=VmHaRecoveryBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.trials="${1:-10}" -Dbench.hosts="${2:-1000}" -Dbench.results="$root/bench/results" \
  | grep -E "^(trial|VM HA|leader CPU|figures)"
