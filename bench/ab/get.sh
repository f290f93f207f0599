#!/bin/bash
# Keep-alive GET A/B: get.sh cj|condure CONNS [server flags] -> req/s, p50, p99, server CPU per request.
# wrk -t1, 2 s warm-up (env WARM) then 5 s. See common.sh for the environment variables.
. "$(dirname "$0")/common.sh"
which=$1; c=$2; shift 2
start_server "$which" "$@"
wrk -t1 -c$c -d${WARM:-2}s http://127.0.0.1:$P/hello >/dev/null
c0=$(server_ticks); h0=$(handler_ticks)
out=$(wrk -t1 -c$c -d5s --latency http://127.0.0.1:$P/hello)
c1=$(server_ticks); h1=$(handler_ticks)
n=$(echo "$out" | grep "requests in" | awk '{print $1}'); rps=$(echo "$out" | grep Requests/sec | awk '{print $2}')
p50=$(echo "$out" | grep " 50%" | awk '{print $2}'); p99=$(echo "$out" | grep " 99%" | awk '{print $2}')
echo "$out" | grep -A4 "Latency Distribution" | tail -4 | tr -s " " | tr "\n" " "; echo
echo "$which${WRAP:+ wrap}${BATCH:+ batch} c=$c rps=$rps p50=$p50 p99=$p99 cpu_us_per_req=$(( (c1-c0)*10000000/(n+1) /1000 )) handler_us_per_req=$(( (h1-h0)*10000000/(n+1) /1000 ))"
stop_server
