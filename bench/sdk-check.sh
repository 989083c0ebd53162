#!/usr/bin/env bash
# The official openai-python SDK against the simulator (issue 14 item 8): installs the openai package into a
# virtual environment under bench/out (needs the PyPI registry once), starts `promptbench simulate` with
# reasoning tokens, and runs bench/sdk_check.py against it. Prints what the SDK parsed; fails on any error.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
venv="$out/sdk-venv"
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q openai; }
port="$(free_port)"
"$root/promptbench" simulate --port "$port" --reasoning-tokens 12 >"$out/sdk-sim.log" 2>&1 &
started+=($!)
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
echo "openai-python $("$venv/bin/python" -c 'import openai; print(openai.__version__)') against promptbench simulate:"
"$venv/bin/python" "$root/bench/sdk_check.py" "$port"
footer
