#!/usr/bin/env bash
# The floor under CPU per request (issue 15.5): bare OkHttp, configured as promptbench configures it,
# 20,000 POSTs on 64 blocking threads against the same zero-latency nginx as cpu-per-request.sh, with the
# launcher's JVM flags; then promptbench itself in the same round. Marginal CPU per request = (CPU of N
# requests - CPU of 1) / (N - 1) for each, so the JVM start and source compile of the floor cancel out.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
[ -x /usr/bin/time ] || need /usr/bin/time time
n="${PROMPTS:-20000}"
runs="${RUNS:-2}"
find_jar
start_nginx
export OPENAI_API_KEY=bench-not-a-key
"$root/promptbench" --version >/dev/null
prompts "$n" "$out/prompts-$n.txt"
head -n 1 "$out/prompts-$n.txt" >"$out/prompts-1.txt"

# floor N: bare OkHttp; sets cpu, rps.
floor() {
  /usr/bin/time -f '%U %S' -o "$out/floor.time" java "${launcher_flags[@]}" -cp "$jar" \
    "$root/bench/OkHttpFloor.java" "$nginx_url/chat/completions" "$1" 64 >"$out/floor.out"
  read -r user sys <"$out/floor.time"; cpu="$(echo "$user + $sys" | bc -l)"
  read -r _ rps errors <"$out/floor.out"
  [ "$errors" = 0 ] || die "floor: $errors failed requests"
}
# tool FILE: promptbench through its launcher; sets cpu, rps.
tool() {
  /usr/bin/time -f '%U %S' -o "$out/tool.time" "$root/promptbench" run "$1" --endpoint "$nginx_url" --model sim \
    --threads 64 --mode parallel --out "$out/floor-tool.jsonl" --force --format json --quiet >"$out/floor-tool.json"
  read -r user sys <"$out/tool.time"; cpu="$(echo "$user + $sys" | bc -l)"
  rps="$(jq -r '.modes.parallel.requests_per_s' "$out/floor-tool.json")"
}

floor 1; floor_fixed="$cpu"
tool "$out/prompts-1.txt"; tool_fixed="$cpu"
echo "round okhttp_req/s okhttp_cpu_s okhttp_marginal_ms promptbench_req/s promptbench_cpu_s promptbench_marginal_ms" >"$out/floor.rows"
for i in $(seq 1 "$runs"); do
  echo "round $i/$runs..." >&2
  floor "$n"; f_rps="$rps"; f_cpu="$cpu"
  tool "$out/prompts-$n.txt"; t_rps="$rps"; t_cpu="$cpu"
  awk -v i="$i" -v fr="$f_rps" -v fc="$f_cpu" -v ff="$floor_fixed" -v tr="$t_rps" -v tc="$t_cpu" -v tf="$tool_fixed" -v n="$n" \
    'BEGIN {printf "%d %.0f %.2f %.3f %.0f %.2f %.3f\n", i, fr, fc, (fc - ff) * 1000 / (n - 1), tr, tc, (tc - tf) * 1000 / (n - 1)}' >>"$out/floor.rows"
done
echo
echo "Bare OkHttp vs promptbench: $n POSTs, 64 threads, zero-latency nginx; fixed (1 request): OkHttp $floor_fixed s (JVM + source compile), promptbench $tool_fixed s"
column -t "$out/floor.rows"
footer
