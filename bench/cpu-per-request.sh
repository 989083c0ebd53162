#!/usr/bin/env bash
# CPU per request and throughput against hey in the same run (issue 15.5): 20,000 prompts at zero
# latency on 64 threads against nginx (a canned chat.completion), through ./promptbench (the launcher's
# JVM flags and class-data archive), whole process under /usr/bin/time: JVM start, warm-up, canary and
# results file included. hey -n 20000 -c 64 with the same kind of POST runs before and after; the ratio
# is promptbench's req/s over the mean of the two. A 1-prompt run gives the fixed cost, so the script
# also prints the marginal CPU per request. Targets: <= 0.15 ms CPU per request, >= 0.9x hey.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq; need hey
[ -x /usr/bin/time ] || need /usr/bin/time time
n="${PROMPTS:-20000}"
runs="${RUNS:-2}"

prompts "$n" "$out/prompts-$n.txt"
head -n 1 "$out/prompts-$n.txt" >"$out/prompts-1.txt"
start_nginx
export OPENAI_API_KEY=bench-not-a-key
"$root/promptbench" --version >/dev/null   # builds the jar and its archive outside the timing

body='{"model":"sim","messages":[{"role":"user","content":"prompt number 1: answer in one short sentence"}]}'
hey_rps() {
  timeout --foreground -k 5 120 hey -n "$n" -c 64 -m POST -T application/json -H "Authorization: Bearer x" \
    -d "$body" "$nginx_url/chat/completions" | awk '/Requests\/sec/ {print $2}'
}

# promptbench FILE: one run under /usr/bin/time; sets rps, cpu, rss, errors.
promptbench() {
  PROMPTBENCH_JAVA_OPTS="${PROMPTBENCH_JAVA_OPTS:-}" timeout --foreground -k 5 300 /usr/bin/time -f '%U %S %M' \
    -o "$out/cpu.time" "$root/promptbench" run "$1" --endpoint "$nginx_url" --model sim --threads 64 \
    --mode parallel --out "$out/cpu-per-request.jsonl" --force --format json --quiet >"$out/cpu-per-request.json"
  read -r user sys rss <"$out/cpu.time"
  cpu="$(echo "$user + $sys" | bc -l)"
  rps="$(jq -r '.modes.parallel.requests_per_s' "$out/cpu-per-request.json")"
  errors="$(jq -r '.modes.parallel.errors' "$out/cpu-per-request.json")"
}
[ -z "${PROMPTBENCH_JAVA_OPTS:-}" ] && unset PROMPTBENCH_JAVA_OPTS

promptbench "$out/prompts-1.txt"
fixed="$cpu"
rows=()
for i in $(seq 1 "$runs"); do
  echo "round $i/$runs: hey, promptbench, hey..." >&2
  before="$(hey_rps)"
  promptbench "$out/prompts-$n.txt"
  after="$(hey_rps)"
  rows+=("$(awk -v i="$i" -v r="$rps" -v b="$before" -v a="$after" -v c="$cpu" -v f="$fixed" -v n="$n" -v m="$rss" -v e="$errors" \
    'BEGIN {printf "%d %.0f %.0f %.2f %.2f %.3f %.3f %.0f %s", i, r, (b + a) / 2, r / ((b + a) / 2), c, c * 1000 / n, (c - f) * 1000 / (n - 1), m / 1024, e}')")
done

echo
echo "CPU per request: $n prompts, zero-latency nginx, 64 threads, through ./promptbench; fixed cost (1 prompt): $fixed CPU s"
{
  echo "round req/s hey_req/s x_hey cpu_s cpu_ms/req marginal_ms/req peak_rss_MB errors"
  printf '%s\n' "${rows[@]}"
} | column -t
footer
