"""The official openai-python SDK against `promptbench simulate` (issue 14 item 8): responses.create streamed
and not, the responses.stream helper, chat with n, logprobs and a service tier, Azure chat streamed with usage.
Run by bench/sdk-check.sh with the simulator's port as its argument; raises on any shape the SDK refuses."""
import sys
from openai import OpenAI, AzureOpenAI
c = OpenAI(base_url="http://127.0.0.1:" + sys.argv[1] + "/v1", api_key="sk-local")
r = c.responses.create(model="gpt-4o-mini", input="Say hello in five words", max_output_tokens=400)
print("responses:", r.status, repr(r.output_text[:40]), "reasoning", r.usage.output_tokens_details.reasoning_tokens, "cached", r.usage.input_tokens_details.cached_tokens)
kinds = []
with c.responses.stream(model="gpt-4o-mini", input="Say hello in five words", max_output_tokens=400) as s:
    for e in s:
        kinds.append(e.type)
    final = s.get_final_response()
print("responses stream:", final.status, len(final.output_text), sorted(set(kinds)))
ev = list(c.responses.create(model="gpt-4o-mini", input="hi", stream=True))
print("responses create(stream=True):", ev[0].type, "...", ev[-1].type, len(ev))
ch = c.chat.completions.create(model="gpt-4o-mini", messages=[{"role":"user","content":"hi"}], n=2, logprobs=True, top_logprobs=2, service_tier="flex")
print("chat:", len(ch.choices), ch.choices[0].finish_reason, ch.service_tier, ch.usage.completion_tokens_details.reasoning_tokens)
az = AzureOpenAI(azure_endpoint="http://127.0.0.1:" + sys.argv[1], api_key="k", api_version="2024-10-21")
a = az.chat.completions.create(model="gpt-4o-mini-sim", messages=[{"role":"user","content":"hi"}], stream=True, stream_options={"include_usage": True})
chunks = list(a)
print("azure chat stream:", len(chunks), chunks[-1].usage.total_tokens if chunks[-1].usage else None)
