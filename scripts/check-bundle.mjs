// `npm run check:bundle`: the JavaScript a first visit downloads before the app renders (the entry
// script and every chunk index.html preloads) must stay within the budget, gzip-compressed.
// Run after `npm run build`; prints the figure and exits non-zero over budget.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 150 * 1024;
const dist = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), "apps/web/dist");

let html;
try {
  html = readFileSync(path.join(dist, "index.html"), "utf8");
} catch {
  process.stderr.write("apps/web/dist/index.html is missing: run `npm run build` first\n");
  process.exit(1);
}
const scripts = new Set();
for (const match of html.matchAll(
  /<script[^>]*\ssrc="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g,
)) {
  scripts.add(match[1] ?? match[2]);
}
let total = 0;
for (const src of scripts) {
  const gzipped = gzipSync(readFileSync(path.join(dist, src.replace(/^\//, "")))).length;
  total += gzipped;
  process.stdout.write(`  ${src}  ${(gzipped / 1024).toFixed(1)} KB gzip\n`);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(`initial JavaScript: ${kb(total)} gzip (budget ${kb(BUDGET_BYTES)})\n`);
if (scripts.size === 0 || total > BUDGET_BYTES) {
  process.stderr.write(scripts.size === 0 ? "no script found in index.html\n" : "over budget\n");
  process.exit(1);
}
