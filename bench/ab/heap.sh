#!/bin/bash
# What idle connections hold: heap.sh cj CONNS [--ws [--echo-one]] [server flags] -> server RSS before, with CONNS open and
# after each made one request (or a WebSocket upgrade), then the heap summary and the class histogram of
# live objects (jcmd). LoadClient idle with 12 s settles (jcmd runs in the last one). See common.sh.
. "$(dirname "$0")/common.sh"
which=$1; c=$2; shift 2
ws=""; if [ "${1:-}" = --ws ]; then ws=--ws; shift; fi
if [ "${1:-}" = --echo-one ]; then ws="$ws --echo-one"; shift; fi
start_server "$which" "$@"
JC=$(dirname "$J")/jcmd
("$J" "$H/bench/clients/LoadClient.java" idle --port $P --conns $c $ws --settle-ms 12000 --pids $S > "$W/lc.out" 2>&1) & LC=$!
sleep 8; echo "rss before: $(grep VmRSS /proc/$S/status)"
sleep 12; echo "rss open: $(grep VmRSS /proc/$S/status)"
sleep 15; echo "rss used: $(grep VmRSS /proc/$S/status)"
"$JC" $S GC.heap_info | tail -n +2
"$JC" $S GC.class_histogram | head -30
wait $LC; grep RESULT "$W/lc.out"
stop_server
