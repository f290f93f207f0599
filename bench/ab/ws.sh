#!/bin/bash
# WebSocket echo A/B: ws.sh cj|condure CONNS SIZE [server flags] -> messages/s, MiB/s, server CPU ticks.
# LoadClient ws, 1 s warm-up (env WARM) then 5 s. See common.sh for the environment variables.
. "$(dirname "$0")/common.sh"
which=$1; c=$2; size=$3; shift 3
start_server "$which" "$@"
c0=$(server_ticks); h0=$(handler_ticks)
out=$("$J" "$H/bench/clients/LoadClient.java" ws --port $P --conns $c --size $size --seconds 5 --warmup ${WARM:-1} 2>&1 | grep RESULT)
c1=$(server_ticks); h1=$(handler_ticks)
echo "$which${WRAP:+ wrap} ws c=$c size=$size $(echo $out | grep -o 'msg_per_s=[0-9.]*') $(echo $out | grep -o 'mib_per_s=[0-9.]*') $(echo $out | grep -o 'errors=[0-9]*') ticks=$((c1-c0)) handler_ticks=$((h1-h0))"
stop_server
