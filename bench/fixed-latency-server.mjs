// A chat-completions server in its own process with a fixed service time, for bench/external-efficiency.sh.
// Usage: node bench/fixed-latency-server.mjs [DELAY_MS=200] [PORT=0]; prints "listening http://127.0.0.1:PORT".
// Plain Node http: keep-alive on, Nagle off (Node's default), one canned answer after DELAY_MS per request.
import http from "node:http";

const delayMs = Number(process.argv[2] ?? 200);
const port = Number(process.argv[3] ?? 0);
let served = 0;
let connections = 0;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    if (req.method !== "POST" || !req.url.includes("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"404","message":"not found"}}');
      return;
    }
    const model = JSON.parse(Buffer.concat(chunks).toString("utf8")).model ?? "fixed";
    setTimeout(() => {
      const body = JSON.stringify({
        id: `chatcmpl-${++served}`, object: "chat.completion", created: Math.floor(Date.now() / 1000), model,
        choices: [{ index: 0, message: { role: "assistant", content: "A fixed answer after a fixed delay." }, finish_reason: "stop" }],
        usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
      });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    }, delayMs);
  });
});
server.keepAliveTimeout = 60_000;
server.on("connection", () => connections++);
server.listen(port, "127.0.0.1", () => console.log(`listening http://127.0.0.1:${server.address().port}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => { console.log(`served ${served} requests on ${connections} connections`); process.exit(0); });
}
