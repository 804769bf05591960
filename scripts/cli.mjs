// `npm run admin -- …` (and other server commands): runs the compiled command line (apps/server/dist)
// when it exists, else the sources through tsx (a development checkout without a build).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const compiled = path.join(root, "apps/server/dist/cli.js");
const args = existsSync(compiled) ? [compiled] : ["--import", "tsx", "src/entrypoints/cli.ts"];
const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], {
  cwd: path.join(root, "apps/server"),
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
