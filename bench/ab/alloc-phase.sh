#!/bin/bash
# Exactly what one opened-and-upgraded WebSocket allocates, by class, in the suite's ws-idle phase:
#   alloc-phase.sh CONNS [server flags]
# Runs the suite's order (wrk 2 s, the plain idle phase with CONNS connections, then the WebSocket idle phase)
# under Epsilon GC, which never frees, and diffs `jcmd GC.class_histogram -all` around the WebSocket phase:
# every object the phase allocated, with no sampling (JFR's allocation samples weigh virtual threads' TLABs
# unevenly). Prints the top classes in bytes and objects per connection. See common.sh for the environment.
. "$(dirname "$0")/common.sh"
c=$1; shift
GCOPTS="-XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms6g -Xmx6g" start_server cj "$@"
JC=$(dirname "$J")/jcmd
wrk -t2 -c64 -d2s http://127.0.0.1:$P/hello > /dev/null
"$J" "$H/bench/clients/LoadClient.java" idle --port $P --conns $c --settle-ms 3000 --pids $S > /dev/null 2>&1
sleep 1
"$JC" $S GC.class_histogram -all > "$W/before.txt"
# 10 s settles: the snapshot below falls in the last one, after every upgrade, before the client closes
("$J" "$H/bench/clients/LoadClient.java" idle --port $P --conns $c --ws --settle-ms 10000 --pids $S > "$W/lc.out" 2>&1) & LC=$!
sleep 30
"$JC" $S GC.class_histogram -all > "$W/after.txt"
wait $LC
grep -o "ok=[0-9]*" "$W/lc.out"
stop_server
python3 - "$W/before.txt" "$W/after.txt" $c <<'PY'
import re, sys
def load(path):
    d = {}
    for line in open(path):
        m = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if m:
            d[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return d
a, b, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
rows = sorted(((by - a.get(k, (0, 0))[1], cnt - a.get(k, (0, 0))[0], k) for k, (cnt, by) in b.items()), reverse=True)
print("allocated %.2f KB per connection ([Ljdk.internal.vm.FillerElement; is Epsilon's TLAB waste)" % (sum(r[0] for r in rows) / n / 1000))
for by, cnt, k in rows[:30]:
    print("%8.1f B %6.2f objects  %s" % (by / n, cnt / n, k))
PY
