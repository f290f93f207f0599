#!/usr/bin/env bash
# Soak benchmark (not a test, never run by CI): starts condure-java on 127.0.0.1, runs
# bench/soak/Soak.java (a fast ZHTTP handler over ipc plus a mix of loopback clients) for a fixed
# duration, then stops the server and appends a section to bench/RESULTS.md.
#
#   bench/soak/run.sh                      # 10 minutes
#   bench/soak/run.sh --duration 30s       # smoke
#   bench/soak/run.sh --duration 60s --label "60 s smoke" --scale 0.5
#
# Every argument goes to Soak.java (see its header: --duration, --sample, --scale, --results, ...).
# Environment: SOAK_PORT (18790), SOAK_SERVER_OPTS (JVM options of the server, default -Xmx1g),
# SOAK_SERVER_ARGS (extra condure-java flags), SOAK_KEEP_LOG (copy the server's log to this file), JAVA (a java >= 21; default: the one bin/condure-java picks).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
port="${SOAK_PORT:-18790}"
server_opts="${SOAK_SERVER_OPTS:--Xmx1g}"
java="${JAVA:-$(CONDURE_JAVA_PRINT=1 bin/condure-java | sed -n 1p)}"

if [[ ! -f target/condure-java.jar ]]; then
    echo "building target/condure-java.jar" >&2
    mvn -B -q -DskipTests package
fi
if ! [[ "$port" =~ ^[0-9]+$ ]] || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is not free (set SOAK_PORT)" >&2
    exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/condure-soak.XXXXXX")"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    if [[ -n "${SOAK_KEEP_LOG:-}" && -f "$work/server.log" ]]; then
        cp "$work/server.log" "$SOAK_KEEP_LOG"
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# shellcheck disable=SC2086
"$java" $server_opts -jar target/condure-java.jar \
    --listen "127.0.0.1:$port,stream" --zclient-stream "ipc://$work/client" \
    ${SOAK_SERVER_ARGS:-} >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 150); do
    grep -q "listening on" "$work/server.log" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
done
grep -q "listening on" "$work/server.log" || { echo "server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

status=0
command="bench/soak/run.sh$(printf ' %q' "$@")"
"$java" -cp target/condure-java.jar bench/soak/Soak.java \
    --port "$port" --zmq "ipc://$work/client" --server-pid "$server_pid" --server-log "$work/server.log" \
    --server-opts "$server_opts${SOAK_SERVER_ARGS:+ $SOAK_SERVER_ARGS}" --command "$command" "$@" || status=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "server exited during the run; last log lines:" >&2
    tail -n 40 "$work/server.log" >&2
    status=1
fi
exit "$status"
