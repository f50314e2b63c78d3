#!/bin/sh
# Sends one line per event to syslog (tag zonekeeper), for alerting on HOST/FENCE_FAILED or HOST/ERROR.
# Arguments: EVENT TYPE ID NAME, e.g. arguments = $EVENT $TYPE $ID $NAME
# Exit status: 0 sent; 2 bad arguments; otherwise logger's.
if [ "$#" -ne 4 ]; then
    echo "usage: syslog.sh EVENT TYPE ID NAME" >&2
    exit 2
fi
priority=user.notice
case "$1" in
    HOST/FENCE_FAILED | HOST/ERROR) priority=user.alert ;;
esac
exec logger -t zonekeeper -p "$priority" -- "$1 $2 $3 $4"
