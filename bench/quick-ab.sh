#!/bin/bash
# Quick A/B of keep-alive GET: condure-java (target/condure-java.jar) vs Debian condure, same HelloHandler,
# warm-up then wrk -t2 -c64 -d8s; CPU from /proc/PID/stat. Loopback only. Used for the figures of 2026-11-22 (late).
# usage: ab.sh -> prints rps and cpu/request for condure-java and condure, same handler, warm
HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)
J=$(CONDURE_JAVA_PRINT=1 "$HOME_DIR/bin/condure-java" | head -n 1)
WORK=$(mktemp -d /tmp/quick-ab.XXXXXX)
cp "$HOME_DIR/target/condure-java.jar" "$WORK/cj.jar"
cd "$WORK"
cpu(){ awk '{print $14+$15}' /proc/$1/stat; }
run() { # $1 name $2 port $3 pid
  for i in $(seq 1 40); do curl -s -m 1 http://127.0.0.1:$2/ready > /dev/null && break; sleep 0.5; done
  wrk -t2 -c64 -d5s http://127.0.0.1:$2/hello > /dev/null 2>&1
  s0=$(cpu $3); out=$(wrk -t2 -c64 -d8s --latency http://127.0.0.1:$2/hello 2>&1); s1=$(cpu $3)
  n=$(echo "$out" | grep "requests in" | awk '{print $1}'); rps=$(echo "$out" | grep Requests/sec | awk '{print $2}'); p99=$(echo "$out" | grep " 99%" | awk '{print $2}')
  echo "$1 rps=$rps p99=$p99 cpu_us_per_req=$(( (s1-s0)*10000000/n /1000 ))"
}
rm -f client-*
($J ${SOPTS:-} -jar cj.jar --listen=127.0.0.1:18470,stream --zclient-stream=ipc://$WORK/client --log-level=1 > s.log 2>&1 &)
sleep 3; ($J -cp cj.jar $HOME_DIR/src/test/java/io/condurejava/examples/HelloHandler.java ipc://$WORK/client > h.log 2>&1 &); sleep 4
S=$(pgrep -f 'cj.jar --listen'); run condure-java 18470 $S; kill $S; sleep 1; pkill -f HelloHandler; sleep 1; rm -f client-*
(condure --listen=127.0.0.1:18471,stream --zclient-stream=ipc://$WORK/client --log-level=1 > c.log 2>&1 &)
sleep 1; ($J -cp cj.jar $HOME_DIR/src/test/java/io/condurejava/examples/HelloHandler.java ipc://$WORK/client > h.log 2>&1 &); sleep 4
S=$(pgrep -x condure); run condure 18471 $S; kill $S; pkill -f HelloHandler
uptime
