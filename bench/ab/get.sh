#!/bin/bash
# One A/B measurement on loopback: condure-java (target/condure-java.jar, or $JAR) or Debian condure, same
# BenchHandler over ipc://. Env: WRAP (command prefix, e.g. "chrt -b 0"), BATCH (thread names to SCHED_BATCH), JOPTS.
# get.sh cj|condure CONNS [server flags]; env: WRAP (command prefix), BATCH (thread name prefixes to SCHED_BATCH)
H=$(cd "$(dirname "$0")/../.." && pwd); J=$(CONDURE_JAVA_PRINT=1 "$H/bin/condure-java" | head -n 1)
W=$(mktemp -d /tmp/ab.XXXXXX); cp ${JAR:-$H/target/condure-java.jar} $W/cj.jar
P=$((20000 + RANDOM % 20000))
which=$1; c=$2; shift 2
if [ $which = cj ]; then
(exec ${WRAP:-} $J -XX:+UseSerialGC -Xmn32m -jar $W/cj.jar --listen=127.0.0.1:$P,stream --zclient-stream=ipc://$W/client --log-level=1 "$@" > $W/s.log 2>&1) & S=$!
else
(exec ${WRAP:-} condure --listen=127.0.0.1:$P,stream --zclient-stream=ipc://$W/client --log-level=1 "$@" > $W/s.log 2>&1) & S=$!
fi
sleep 2
($J -cp $W/cj.jar $H/bench/handlers/BenchHandler.java ipc://$W/client > $W/h.log 2>&1) & HP=$!
for i in $(seq 1 40); do curl -s -m 1 http://127.0.0.1:$P/ready >/dev/null && break; sleep 0.3; done
[ -n "$BATCH" ] && { for n in $BATCH; do for T in $(grep -l "^$n" /proc/$S/task/*/comm | cut -d/ -f5); do chrt -b -p 0 $T; done; done; }
wrk -t1 -c$c -d2s http://127.0.0.1:$P/hello >/dev/null
th(){ for t in /proc/$S/task/*; do echo "$(cat $t/comm) $(awk '{print $14+$15}' $t/stat)"; done | sort -k2 -n -r | head -5 | tr '\n' ';'; echo; }
c0=$(awk '{print $14+$15}' /proc/$S/stat)
out=$(wrk -t1 -c$c -d5s --latency http://127.0.0.1:$P/hello)
c1=$(awk '{print $14+$15}' /proc/$S/stat)
n=$(echo "$out" | grep "requests in" | awk '{print $1}'); rps=$(echo "$out" | grep Requests/sec | awk '{print $2}')
p50=$(echo "$out" | grep " 50%" | awk '{print $2}'); p99=$(echo "$out" | grep " 99%" | awk '{print $2}')
echo "$which${WRAP:+ wrap}${BATCH:+ batch} c=$c rps=$rps p50=$p50 p99=$p99 cpu_us_per_req=$(( (c1-c0)*10000000/(n+1) /1000 ))"
[ -n "$THREADS" ] && th
kill $S $HP 2>/dev/null; wait $S $HP 2>/dev/null
