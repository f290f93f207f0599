#!/bin/bash
# Bytes a server allocates per connection: alloc.sh cj CONNS [--ws] [server flags] -> KB allocated per connection
# while CONNS connections open and each makes one request (or a WebSocket upgrade), after a warm-up round of
# WARMC (2000). Counts young collections x eden size (jstat), so run it with a small young generation for
# resolution: GCOPTS="-XX:+UseSerialGC -Xmn4m" (eden 3.3 MB = 0.33 KB per connection at 10,000). Under G1
# (java -jar) the RSS an idle test adds is mostly eden touched by this allocation. See common.sh.
. "$(dirname "$0")/common.sh"
which=$1; c=$2; shift 2
ws=""; if [ "${1:-}" = --ws ]; then ws=--ws; shift; fi
start_server "$which" "$@"
JS=$(dirname "$J")/jstat
"$J" "$H/bench/clients/LoadClient.java" idle --port $P --conns ${WARMC:-2000} $ws --settle-ms 1500 --pids $S > /dev/null 2>&1
sleep 2
a=$("$JS" -gc $S | tail -1)
("$J" "$H/bench/clients/LoadClient.java" idle --port $P --conns $c $ws --settle-ms 12000 --pids $S > "$W/lc.out" 2>&1) & LC=$!
sleep 30
b=$("$JS" -gc $S | tail -1)
wait $LC; grep -o "kb_per_used_conn=[0-9.]*" "$W/lc.out"
stop_server

python3 - "$a" "$b" $c <<'PY'
import sys
a=sys.argv[1].split(); b=sys.argv[2].split(); n=int(sys.argv[3])
# S0C S1C S0U S1U EC EU OC OU MC MU CCSC CCSU YGC YGCT ...
ec=float(b[4]); alloc=(int(b[12])-int(a[12]))*ec + float(b[5]) - float(a[5])
print("allocated KB/conn %.2f  (young GCs %d, eden %.0f KB)  old used +%.0f KB/conn" % (alloc/n, int(b[12])-int(a[12]), ec, (float(b[7])-float(a[7]))/n))
PY
