# Shared by the bench/*.sh scripts (sourced, not run): paths, the jar, tools, servers and clean-up.
# Everything binds 127.0.0.1; every process a script starts is killed by its EXIT trap.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"

# The launcher's own defaults (see ./promptbench): Serial GC, C1-only JIT, small thread stacks.
launcher_flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)

started=()
cleanup() {
  local pid
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Printed under each table: other work on a 2-core box moves req/s a lot (CPU seconds much less).
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
footer() {
  echo "($(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · $(java -version 2>&1 | head -n 1) · load average at start: $load_at_start)"
}

die() { echo "bench: $*" >&2; exit 1; }

# need COMMAND [PACKAGE]: installs the Debian package when the command is missing.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || die "$1 is missing: apt-get install ${2:-$1}"
  if [ ! -e "$out/.apt-updated" ]; then apt-get update -qq >/dev/null && touch "$out/.apt-updated"; fi
  echo "bench: installing ${2:-$1}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${2:-$1}" >/dev/null
}

# The shaded jar: $PROMPTBENCH_JAR, else target/promptbench-*-all.jar, built on first use.
find_jar() {
  if [ -n "${PROMPTBENCH_JAR:-}" ]; then
    [ -f "$PROMPTBENCH_JAR" ] || die "PROMPTBENCH_JAR=$PROMPTBENCH_JAR does not exist"
    jar="$PROMPTBENCH_JAR"; return
  fi
  jar="$(ls "$root"/target/promptbench-*-all.jar 2>/dev/null | head -n 1 || true)"
  if [ -z "$jar" ]; then
    echo "bench: building the jar (./mvnw -q -B -DskipTests package)..." >&2
    (cd "$root" && ./mvnw -q -B -DskipTests package) >&2
    jar="$(ls "$root"/target/promptbench-*-all.jar | head -n 1)"
  fi
}

# prompts N FILE: writes N one-line prompts (a short, distinct line each).
prompts() { seq 1 "$1" | sed 's/^/prompt number /; s/$/: answer in one short sentence/' >"$2"; }

# A free TCP port on 127.0.0.1 (nothing answers on it right now).
free_port() {
  local p
  for p in $(shuf -i 20000-60000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port found"
}

# start_sim SIMULATE-OPTIONS...: `promptbench simulate` in its own JVM on a free port; sets sim_url.
start_sim() {
  java "${launcher_flags[@]}" -jar "$jar" simulate --host 127.0.0.1 --port 0 "$@" >"$out/sim.log" 2>&1 &
  started+=($!)
  sim_url=""
  for _ in $(seq 1 100); do
    sim_url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out/sim.log" | head -n 1 || true)"
    [ -n "$sim_url" ] && return 0
    sleep 0.1
  done
  die "the simulator did not start: $(cat "$out/sim.log")"
}

# start_nginx: nginx with its own config under bench/out, answering every POST to
# /v1/chat/completions with one canned chat.completion at zero latency; sets nginx_url.
canned='{"id":"chatcmpl-bench","object":"chat.completion","created":1764000000,"model":"sim","choices":[{"index":0,"message":{"role":"assistant","content":"A canned answer from nginx: the client-overhead benchmark needs a server that costs almost nothing."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":20,"total_tokens":32}}'
start_nginx() {
  need nginx; need curl
  local dir="$out/nginx" port
  port="$(free_port)"
  mkdir -p "$dir/logs" "$dir/tmp"
  cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp;
  keepalive_requests 100000;
  keepalive_timeout 60s;
  server {
    listen 127.0.0.1:$port;
    location /v1/chat/completions { default_type application/json; return 200 '$canned'; }
  }
}
EOF
  nginx -p "$dir/" -c "$dir/nginx.conf" 2>>"$dir/logs/error.log" &
  started+=($!)
  nginx_url="http://127.0.0.1:$port/v1"
  for _ in $(seq 1 50); do
    curl -sf -X POST -d '{}' "$nginx_url/chat/completions" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "nginx did not start: $(cat "$dir/logs/error.log")"
}
