#!/bin/bash
# Keep-alive GET measured again and again in ONE server start: drift.sh cj|condure CONNS [server flags]
# -> "req/s/CPU µs per request" for each of ITER (5) consecutive 5 s wrk -t1 runs after a WARM (6 s)
# warm-up. Tells a slow server start (every run slow) from a slow machine (runs vary within the start).
. "$(dirname "$0")/common.sh"
which=$1; c=$2; shift 2
start_server "$which" "$@"
wrk -t1 -c$c -d${WARM:-6}s http://127.0.0.1:$P/hello >/dev/null
for k in $(seq 1 ${ITER:-5}); do
  c0=$(server_ticks)
  out=$(wrk -t1 -c$c -d5s http://127.0.0.1:$P/hello)
  c1=$(server_ticks)
  n=$(echo "$out" | grep "requests in" | awk '{print $1}')
  echo -n "$(echo "$out" | grep Requests/sec | awk '{printf "%.0f", $2}')/$(( (c1-c0)*10000000/(n+1)/1000 ))us  "
done
echo
stop_server
