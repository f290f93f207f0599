# Sourced by get.sh, ws.sh and put.sh: starts one server ($1: cj = target/condure-java.jar or $JAR,
# condure = Debian's) and bench/handlers/BenchHandler.java over ipc:// on a random loopback port.
# Env: WRAP (command prefix, e.g. "chrt -b 0"), BATCH (thread names to put under SCHED_BATCH),
# JOPTS (JVM options for condure-java), JFR (dump a recording there before stopping),
# ZEP=tcp (handler sockets on loopback TCP ports instead of ipc://), HOPTS (BenchHandler options, e.g. "--threads 1"), HWRAP (handler command prefix; default "chrt -b 0" as in the suite, HWRAP= for none), LOGLEVEL (server --log-level), GCOPTS (condure-java GC options; default "-XX:+UseSerialGC -Xmn32m", the launcher's).
H=$(cd "$(dirname "$0")/../.." && pwd); J=$(CONDURE_JAVA_PRINT=1 "$H/bin/condure-java" | head -n 1)
W=$(mktemp -d /tmp/ab.XXXXXX); cp "${JAR:-$H/target/condure-java.jar}" "$W/cj.jar"
P=$((20000 + RANDOM % 20000))
if [ "${ZEP:-ipc}" = tcp ]; then Z=tcp://127.0.0.1:$((P + 1)); else Z=ipc://$W/client; fi

start_server() { # $1 cj|condure, then server flags
  local which=$1; shift
  if [ "$which" = cj ]; then
    (exec ${WRAP:-} "$J" ${GCOPTS--XX:+UseSerialGC -Xmn32m} ${JOPTS:-} -jar "$W/cj.jar" --listen=127.0.0.1:$P,stream \
      --zclient-stream=$Z --log-level=${LOGLEVEL:-1} "$@" > "$W/s.log" 2>&1) & S=$!
  else
    (exec ${WRAP:-} condure --listen=127.0.0.1:$P,stream --zclient-stream=$Z --log-level=${LOGLEVEL:-1} "$@" \
      > "$W/s.log" 2>&1) & S=$!
  fi
  sleep 2
  (exec ${HWRAP-chrt -b 0} "$J" -cp "$W/cj.jar" "$H/bench/handlers/BenchHandler.java" $Z ${HOPTS:-} > "$W/h.log" 2>&1) & HP=$!
  for i in $(seq 1 40); do curl -s -m 1 http://127.0.0.1:$P/ready >/dev/null && break; sleep 0.3; done
  if [ -n "${BATCH:-}" ]; then
    for n in $BATCH; do for T in $(grep -l "^$n" /proc/$S/task/*/comm | cut -d/ -f5); do chrt -b -p 0 "$T"; done; done
  fi
}

server_ticks() { awk '{print $14+$15}' /proc/$S/stat; }
handler_ticks() { awk '{print $14+$15}' /proc/$HP/stat; }

stop_server() {
  [ -n "${JFR:-}" ] && "$(dirname "$J")/jcmd" $S JFR.dump filename="$JFR" >/dev/null
  kill $S $HP 2>/dev/null; wait $S $HP 2>/dev/null
}
