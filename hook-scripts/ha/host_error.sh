#!/bin/sh
# The host-error workflow as a script hook (org.zonekeeper.ha mode = hook), like OpenNebula's host_error.rb:
# on HOST/ERROR wait, give up if the host answers again, fence it (FENCED only on a confirmed power-off), then
# move its VMs. Each step is the leader's own (ha:fence, ha:redeploy), written through Raft before it is acted on.
#
# usage: host_error.sh HOST WAIT_SECONDS SSH_PORT KEY_FILE [USER]
#   This server's Karaf shell over SSH on 127.0.0.1:SSH_PORT, authenticated by KEY_FILE (its public key in
#   etc/keys.properties); USER defaults to admin.
# exit: 0 VMs moved, or the host came back; 1 a step failed (its message on stderr); 2 bad arguments.
set -u
if [ $# -lt 4 ]; then
    echo "usage: host_error.sh HOST WAIT_SECONDS SSH_PORT KEY_FILE [USER]" >&2
    exit 2
fi
host=$1 wait=$2 port=$3 key=$4 user=${5:-admin}
case $wait in '' | *[!0-9]*) echo "host_error.sh: WAIT_SECONDS '$wait' is not a number" >&2; exit 2 ;; esac
case $port in '' | *[!0-9]*) echo "host_error.sh: SSH_PORT '$port' is not a number" >&2; exit 2 ;; esac
if [ ! -r "$key" ]; then
    echo "host_error.sh: cannot read key file $key" >&2
    exit 2
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT

# shell CMD: one Karaf command; its exit status is the command's
shell() {
    ssh -n -q -T -i "$key" -p "$port" -l "$user" -o BatchMode=yes -o ConnectTimeout=10 \
        -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR 127.0.0.1 "$1" \
        > "$out" 2>&1
    rc=$?
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/^Connection to .* closed by remote host\.$/d' "$out"
    return $rc
}

state() {
    shell "host:show $host" | awk -F'|' '{ gsub(/[ \t]/, "", $1); gsub(/[ \t]/, "", $2) } $1 == "STATE" { print $2 }'
}

sleep "$wait"
now=$(state)
case $now in
    ERROR | FENCE_FAILED) ;;
    *) echo "host $host is ${now:-unknown} after ${wait}s: nothing done"; exit 0 ;;
esac
shell "ha:fence $host" >&2 || exit 1
for attempt in 1 2 3 4 5; do
    shell "ha:redeploy $host" && exit 0
    sleep 5
done
echo "host_error.sh: VMs of $host not all moved after 5 attempts" >&2
exit 1
