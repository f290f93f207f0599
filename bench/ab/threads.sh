#!/bin/bash
# Per-thread server CPU and context switches under keep-alive GET: threads.sh cj|condure CONNS [server flags]
# -> µs of CPU and context switches per request by thread name (from /proc/PID/task; CPU is tick-based, so
# short-running threads such as the relay pumps are under-counted). Env WRKT: wrk threads (1), WARM (2 s).
. "$(dirname "$0")/common.sh"
which=$1; c=$2; shift 2
start_server "$which" "$@"
wrk -t${WRKT:-1} -c$c -d${WARM:-2}s http://127.0.0.1:$P/hello >/dev/null
snap() { # tid name cpu-ticks context-switches
  for t in /proc/$S/task/*; do
    echo "$(basename $t) $(tr ' ' '_' < $t/comm) $(awk '{print $14+$15}' $t/stat) $(grep -E '^(non)?voluntary_ctxt' $t/status | awk '{s+=$2} END {print s}')"
  done
}
snap > $W/a
out=$(wrk -t${WRKT:-1} -c$c -d5s --latency http://127.0.0.1:$P/hello)
snap > $W/b
n=$(echo "$out" | grep "requests in" | awk '{print $1}')
echo "$out" | grep Requests/sec
join <(sort $W/a) <(sort $W/b) | awk -v n=$n '{cpu[$2]+=$6-$3; sw[$2]+=$7-$4}
  END {for (k in cpu) if (cpu[k] > 0 || sw[k] > 0) printf "%-40s %6.2f us/req %6.3f sw/req\n", k, cpu[k]*10000/n, sw[k]/n}' | sort -k2 -n -r | head -40
stop_server
