// WebAssembly in Chromium: how long until the module and its models are
// ready, and how many ~300-character messages per second `analyzeBatch`
// handles. A benchmark, not a test: run `node benches/wasm.mjs` after
// `make pkg`. Figures are medians of several fresh page loads.

import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const texts = readFileSync(path.join(root, "tests/data/eval.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l).text.replace(/\n/g, " "));
const messages = [];
let current = "";
for (const t of [...texts, ...texts, ...texts]) {
  current = current ? `${current} ${t}` : t;
  if ([...current].length >= 300) {
    messages.push([...current].slice(0, 300).join(""));
    current = "";
  }
}

const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const server = http.createServer((req, res) => {
  const file = req.url === "/" ? null : path.join(root, req.url.split("?")[0]);
  if (!file || !file.startsWith(path.join(root, "pkg"))) {
    res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>bench</title>");
    return;
  }
  try {
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ready = [];
const rates = [];
for (let run = 0; run < 5; run++) {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const r = await page.evaluate(async (messages) => {
    const t0 = performance.now();
    const wasm = await import("/pkg/intentlens.js");
    await wasm.default({ module_or_path: "/pkg/intentlens_bg.wasm" });
    wasm.analyze("warm: the first call parses the models and compiles the cue automaton");
    const readyMs = performance.now() - t0;
    const t1 = performance.now();
    let n = 0;
    while (performance.now() - t1 < 2000) {
      wasm.analyzeBatch(messages);
      n += messages.length;
    }
    return { readyMs, perSecond: n / ((performance.now() - t1) / 1000) };
  }, messages);
  ready.push(r.readyMs);
  rates.push(r.perSecond);
  await page.close();
}
await browser.close();
server.close();
const wasmBytes = readFileSync(path.join(root, "pkg/intentlens_bg.wasm"));
const { gzipSync } = await import("node:zlib");
console.log(`wasm: ${wasmBytes.length} bytes raw, ${gzipSync(wasmBytes, { level: 9 }).length} bytes gzip`);
console.log(`module + models ready (median of 5 loads): ${median(ready).toFixed(1)} ms`);
console.log(`analyzeBatch, ~300-char messages (median of 5): ${Math.round(median(rates))} messages/s`);
