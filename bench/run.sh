#!/usr/bin/env bash
# Side-by-side benchmark of condure-java against Debian's condure, mongrel2 and nginx (loopback only;
# never run by CI). Appends a dated section to bench/RESULTS.md and writes raw rows to bench/results/.
#
#   bench/run.sh                 # full suite (about 45 minutes on 2 cores)
#   bench/run.sh --quick         # shorter runs, default profile only (about 15 minutes)
#   bench/run.sh --quick --only get,ws --servers condure-java,condure --reps 1
#
# Options (passed to bench/Suite.java): --quick, --reps N (3), --only get,idle,put,fair,ws,
# --servers condure-java,condure,mongrel2,nginx, --profiles default,tuned,launcher (full: all three),
# --idle-conns N (10000), --handler-threads N (2), --handler-batch true|false (true: handlers under chrt -b 0),
# --cj-java-opts "OPTS" (JVM options for condure-java; default none: java -jar), --label TEXT, --scratch (write to /tmp/bench/scratch/, not bench/).
# Environment: JAVA (a java >= 21; default the newest under /usr/lib/jvm), BENCH_JAR (a condure-java jar;
# default target/condure-java.jar, built if missing). The jar is copied to /tmp/bench first.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
java="${JAVA:-$(CONDURE_JAVA_PRINT=1 bin/condure-java | sed -n 1p)}"
javac="$(dirname "$java")/javac"
for tool in condure mongrel2 m2sh wrk; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y condure mongrel2-core wrk" >&2; exit 1; }
done
servers_default="condure-java,condure,mongrel2"
command -v nginx >/dev/null && servers_default="$servers_default,nginx"

src_jar="${BENCH_JAR:-target/condure-java.jar}"
if [[ ! -f "$src_jar" ]]; then
    echo "building $src_jar" >&2
    mvn -B -q -o -DskipTests package
fi
mkdir -p /tmp/bench
work="$(mktemp -d /tmp/bench/run.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp "$src_jar" "$work/condure-java.jar"
"$javac" -d "$work/classes" -cp "$work/condure-java.jar" bench/handlers/*.java bench/clients/*.java bench/Suite.java bench/Report.java

args=("$@")
extra=()
quick=0
for a in "$@"; do
    [[ "$a" == "--quick" ]] && quick=1
done
[[ " $* " == *" --servers "* ]] || extra+=(--servers "$servers_default")
if [[ " $* " != *" --profiles "* && $quick == 0 ]]; then
    extra+=(--profiles default,tuned,launcher)
fi
[[ " $* " == *" --label "* ]] || { [[ $quick == 1 ]] && extra+=(--label "quick run"); }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

"$java" -Xmx512m -cp "$work/condure-java.jar:$work/classes" Suite \
    --jar "$work/condure-java.jar" --classes "$work/classes" --bench-dir "$root/bench" \
    --command "bench/run.sh${args[*]:+$(printf ' %q' "${args[@]}")}" "${extra[@]}" "${args[@]}"
