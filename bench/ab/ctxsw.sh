#!/bin/bash
# Context switches per request by thread group under keep-alive GET: ctxsw.sh cj|condure CONNS [server flags].
. "$(dirname "$0")/common.sh"
which=$1; c=$2; shift 2
start_server "$which" "$@"
wrk -t${WRKT:-1} -c$c -d${WARM:-4}s http://127.0.0.1:$P/hello >/dev/null
snap() { for t in /proc/$S/task/*; do echo "$(basename $t) $(tr ' ' '_' < $t/comm) $(grep -E '^(non)?voluntary_ctxt' $t/status | awk '{s+=$2} END {print s}')"; done; }
snap > $W/a
out=$(wrk -t${WRKT:-1} -c$c -d5s http://127.0.0.1:$P/hello)
snap > $W/b
n=$(echo "$out" | grep "requests in" | awk '{print $1}')
echo "$out" | grep Requests/sec
join <(sort $W/a) <(sort $W/b) | awk -v n=$n '{d=$5-$3; if (d>0) {split($2,a,/[-0-9]+$/); g[$2]+=d}} END {for (k in g) printf "%-40s %6.3f sw/req\n", k, g[k]/n}' | sort -k2 -n -r | head -20
stop_server
