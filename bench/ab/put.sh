#!/bin/bash
# One A/B measurement on loopback: condure-java (target/condure-java.jar, or $JAR) or Debian condure, same
# BenchHandler over ipc://. Env: WRAP (command prefix, e.g. "chrt -b 0"), BATCH (thread names to SCHED_BATCH), JOPTS.
H=$(cd "$(dirname "$0")/../.." && pwd); J=$(CONDURE_JAVA_PRINT=1 "$H/bin/condure-java" | head -n 1)
W=$(mktemp -d /tmp/ab.XXXXXX); cp ${JAR:-$H/target/condure-java.jar} $W/cj.jar
P=$((20000 + RANDOM % 20000))
which=$1; shift 1
if [ $which = cj ]; then
(exec ${WRAP:-} $J -XX:+UseSerialGC -Xmn32m ${JOPTS:-} -jar $W/cj.jar --listen=127.0.0.1:$P,stream --zclient-stream=ipc://$W/client --log-level=1 "$@" > $W/s.log 2>&1) & S=$!
else
(exec ${WRAP:-} condure --listen=127.0.0.1:$P,stream --zclient-stream=ipc://$W/client --log-level=1 "$@" > $W/s.log 2>&1) & S=$!
fi
sleep 2
($J -cp $W/cj.jar $H/bench/handlers/BenchHandler.java ipc://$W/client --window 1048576 > $W/h.log 2>&1) & HP=$!
for i in $(seq 1 40); do curl -s -m 1 http://127.0.0.1:$P/ready >/dev/null && break; sleep 0.3; done
c0=$(awk '{print $14+$15}' /proc/$S/stat)
out=$($J $H/bench/clients/LoadClient.java put --port $P --clients 8 --size $((40<<20)) --count 2 2>&1 | grep RESULT)
for t in /proc/$S/task/*; do echo "$(cat $t/comm) $(awk '{print $14+$15, $14, $15}' $t/stat)"; done | sort -k2 -n -r | head -8 | tr "\n" ";"; echo
c1=$(awk '{print $14+$15}' /proc/$S/stat)
echo "$which $* $(echo $out | grep -o 'mib_per_s=[0-9.]*') $(echo $out | grep -o 'errors=[0-9]*') ticks=$((c1-c0))"
[ -n "$JFR" ] && "$(dirname "$J")/jcmd" $S JFR.dump filename=$JFR >/dev/null; kill $S $HP 2>/dev/null; wait $S $HP 2>/dev/null
