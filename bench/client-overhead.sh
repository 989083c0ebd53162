#!/usr/bin/env bash
# What the client itself costs: 20,000 prompts at zero latency on 64 threads against nginx serving a
# canned chat.completion, measured with /usr/bin/time -v over the whole promptbench process (JVM
# start, warm-up and results file included), for several JVM flag sets; wrk on the same nginx for scale.
# Targets (launcher defaults): <= 0.3 ms CPU per request, peak RSS <= 150 MB.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
need wrk
[ -x /usr/bin/time ] || need /usr/bin/time time
find_jar
n=20000
runs="${RUNS:-2}"

prompts "$n" "$out/prompts-20k.txt"
head -n 1 "$out/prompts-20k.txt" >"$out/prompts-1.txt"
start_nginx
export OPENAI_API_KEY=bench-not-a-key

cat >"$out/post.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-not-a-key"
wrk.body = '{"model":"sim","messages":[{"role":"user","content":"prompt number 1: answer in one short sentence"}]}'
EOF
echo "wrk -t2 -c64 -d5s against nginx..." >&2
wrk_rps="$(timeout --foreground -k 5 30 wrk -t2 -c64 -d5s -s "$out/post.lua" "$nginx_url/chat/completions" | awk '/^Requests\/sec/ {print $2}')"

# measure LABEL PROMPT_FILE JVM-FLAGS...: one run under /usr/bin/time -v; appends a table row.
rows=()
default_cpu=()
measure() {
  local label="$1" file="$2" count; shift 2
  count="$(wc -l <"$file")"
  timeout --foreground -k 5 300 /usr/bin/time -v -o "$out/time.txt" java "$@" -jar "$jar" run "$file" \
    --endpoint "$nginx_url" --model sim --threads 64 --mode parallel \
    --out "$out/client-overhead.jsonl" --force --format json --quiet >"$out/client-overhead.json"
  local user sys rss rps errors
  user="$(awk -F': ' '/User time/ {print $2}' "$out/time.txt")"
  sys="$(awk -F': ' '/System time/ {print $2}' "$out/time.txt")"
  rss="$(awk -F': ' '/Maximum resident/ {print $2}' "$out/time.txt")"
  rps="$(jq -r '.modes.parallel.requests_per_s' "$out/client-overhead.json")"
  errors="$(jq -r '.modes.parallel.errors' "$out/client-overhead.json")"
  last_cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')"
  rows+=("$(awk -v l="$label" -v n="$count" -v c="$last_cpu" -v m="$rss" -v r="$rps" -v e="$errors" \
    'BEGIN {printf "%s|%d|%.0f|%.2f|%s|%.0f|%s", l, n, r, c, (n > 1 ? sprintf("%.3f", c * 1000 / n) : "-"), m / 1024, e}')")
}

for i in $(seq 1 "$runs"); do
  echo "promptbench runs, round $i/$runs..." >&2
  measure "launcher default: ${launcher_flags[*]}" "$out/prompts-20k.txt" "${launcher_flags[@]}"
  default_cpu+=("$last_cpu")
  measure "default + -Xmx64m" "$out/prompts-20k.txt" "${launcher_flags[@]}" -Xmx64m
  measure "default + -Xmx128m" "$out/prompts-20k.txt" "${launcher_flags[@]}" -Xmx128m
  measure "default + -Xmn32m" "$out/prompts-20k.txt" "${launcher_flags[@]}" -Xmn32m
  measure "-XX:+UseSerialGC only" "$out/prompts-20k.txt" -XX:+UseSerialGC
done
# The fixed cost (JVM start, warm-up, canary) alone, to separate it from the per-request cost.
measure "launcher default, 1 prompt" "$out/prompts-1.txt" "${launcher_flags[@]}"

echo
echo "client overhead: zero-latency nginx, 64 threads; wrk -t2 -c64 on the same nginx: ${wrk_rps} req/s"
{
  echo "JVM flags|prompts|req/s|CPU s (user+sys)|CPU ms/request|peak RSS MB|errors"
  printf '%s\n' "${rows[@]}"
} | column -t -s '|'
fixed="$last_cpu"
for c in "${default_cpu[@]}"; do
  awk -v c="$c" -v f="$fixed" -v n="$n" \
    'BEGIN {printf "launcher default, per request beyond the fixed %.2f CPU s: %.3f ms\n", f, (c - f) * 1000 / (n - 1)}'
done
footer
