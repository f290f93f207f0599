#!/bin/bash
# Per-thread server CPU under keep-alive GET: threads.sh cj|condure CONNS [server flags] -> µs per request by thread name
# (from /proc/PID/task; tick-based, so short-running threads such as the relay pumps are under-counted).
. "$(dirname "$0")/common.sh"
which=$1; c=$2; shift 2
start_server "$which" "$@"
wrk -t${WRKT:-1} -c$c -d${WARM:-2}s http://127.0.0.1:$P/hello >/dev/null
snap() { for t in /proc/$S/task/*; do echo "$(basename $t) $(tr ' ' '_' < $t/comm) $(awk '{print $14+$15}' $t/stat)"; done; }
snap > $W/a
out=$(wrk -t${WRKT:-1} -c$c -d5s --latency http://127.0.0.1:$P/hello)
snap > $W/b
n=$(echo "$out" | grep "requests in" | awk '{print $1}')
echo "$out" | grep Requests/sec
join <(sort $W/a) <(sort $W/b) | awk -v n=$n '{d=$5-$3; if (d>0) {split($2,a,/[-0-9]+$/); g[$2]+=d}} END {for (k in g) printf "%-40s %6.2f us/req\n", k, g[k]*10000/n}' | sort -k2 -n -r | head -40
stop_server
