#!/bin/bash
# Idle memory A/B: idle.sh cj|condure CONNS [--ws] [server flags] -> KB of server RSS per open connection and
# per connection after one request (or, with --ws, after a WebSocket upgrade). LoadClient idle, 3 s settles.
# See common.sh for the environment variables.
. "$(dirname "$0")/common.sh"
which=$1; c=$2; shift 2
ws=""; if [ "${1:-}" = --ws ]; then ws=--ws; shift; fi
start_server "$which" "$@"
out=$("$J" "$H/bench/clients/LoadClient.java" idle --port $P --conns $c $ws --settle-ms 3000 --pids $S 2>&1 | grep RESULT)
echo "$which idle c=$c ${ws:-http} $(echo $out | grep -o 'kb_per_open_conn=[0-9.-]*') $(echo $out | grep -o 'kb_per_used_conn=[0-9.-]*') $(echo $out | grep -o 'ok=[0-9]*')"
stop_server
