#!/bin/bash
# CPU profile of the server under keep-alive GET: profile.sh cj|condure CONNS [server flags].
# perf record (cpu-clock, all threads) for 5 s after a 10 s warm-up; JIT symbols from jcmd Compiler.perfmap.
# Prints the top symbols to stdout; the raw data stays in the temp dir it names.
. "$(dirname "$0")/common.sh"
which=$1; c=$2; shift 2
start_server "$which" "$@"
wrk -t1 -c$c -d10s http://127.0.0.1:$P/${URLPATH:-hello} >/dev/null
(wrk -t1 -c$c -d7s http://127.0.0.1:$P/${URLPATH:-hello} > "$W/wrk.txt") & WRK=$!
sleep 1
perf record -q -e cpu-clock -F 1999 -g -p $S -o "$W/perf.data" -- sleep 5 2>/dev/null
[ "$which" = cj ] && "$(dirname "$J")/jcmd" $S Compiler.perfmap >/dev/null
wait $WRK
grep Requests/sec "$W/wrk.txt"
perf report -i "$W/perf.data" --no-children --sort ${SORT:-sym} --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -${TOP:-45}
echo "perf data: $W/perf.data"
stop_server
