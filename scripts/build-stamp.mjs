// The build stamp: a SHA-256 of every source file the build reads. `npm run build` writes it next to
// the compiled server; `npm start` rebuilds only when it is missing or differs (the build is stale).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const STAMP_FILE = path.join(root, "apps/server/dist/build-stamp.json");
/** What the build reads: sources, their package manifests and the build configuration. */
const INPUTS = [
  "packages/contracts/src",
  "packages/contracts/package.json",
  "apps/server/src",
  "apps/server/package.json",
  "scripts/build-server.mjs",
  "apps/web/src",
  "apps/web/public",
  "apps/web/index.html",
  "apps/web/package.json",
  "apps/web/vite.config.ts",
  "package-lock.json",
];

function listInputs() {
  const list = [];
  for (const input of INPUTS) {
    const full = path.join(root, input);
    if (!existsSync(full)) continue;
    let entries;
    try {
      entries = readdirSync(full, { withFileTypes: true, recursive: true });
    } catch {
      list.push(input); // a file
      continue;
    }
    for (const entry of entries) {
      if (!entry.isFile() || /\.test\.tsx?$/.test(entry.name)) continue;
      list.push(path.relative(root, path.join(entry.parentPath, entry.name)));
    }
  }
  return list.sort();
}

/** The hash of the build's inputs as they are now (about 30 ms). */
export function sourceHash() {
  const hash = createHash("sha256");
  for (const file of listInputs()) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

export function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP_FILE, "utf8"));
  } catch {
    return undefined;
  }
}

/** Whether a complete build of the current sources exists. */
export function buildIsCurrent() {
  const built =
    existsSync(path.join(root, "apps/server/dist/server.js")) &&
    existsSync(path.join(root, "apps/web/dist/index.html"));
  return built && readStamp()?.sources === sourceHash();
}

export function writeStamp() {
  writeFileSync(
    STAMP_FILE,
    JSON.stringify({ sources: sourceHash(), builtAt: new Date().toISOString() }) + "\n",
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "write") writeStamp();
