#!/bin/bash
# Upload A/B: put.sh cj|condure [server flags] -> MiB/s and server CPU ticks for 8 clients x 2 x 40 MiB
# (LoadClient put, every byte verified by the handler). See common.sh for the environment variables.
. "$(dirname "$0")/common.sh"
which=$1; shift 1
start_server "$which" "$@"
c0=$(server_ticks)
out=$("$J" "$H/bench/clients/LoadClient.java" put --port $P --clients 8 --size $((40<<20)) --count 2 2>&1 | grep RESULT)
c1=$(server_ticks)
echo "$which $* $(echo $out | grep -o 'mib_per_s=[0-9.]*') $(echo $out | grep -o 'errors=[0-9]*') ticks=$((c1-c0))"
stop_server
