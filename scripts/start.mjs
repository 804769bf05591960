// `npm start`: builds the server and the web app when the build is missing or stale (the sources'
// hash differs from the build stamp, scripts/build-stamp.mjs), then runs the compiled server with plain
// `node` as this process's only child, and stops with it. npm, the shell under it and tsx's CLI each add a process that may die without passing a signal
// on (SIGTERM to npm used to leave the server holding the port and the data-dir lock), so:
// - the server runs in one node process (compiled JavaScript; from the sources, tsx as a loader);
// - SIGINT/SIGTERM/SIGHUP here are passed to the child, and this process exits with the child's status;
// - the child holds an IPC channel to this process and shuts down when it closes (whatever killed us);
// - if npm or the shell under it dies without a signal reaching us, we stop the child too.
// `--skip-build` runs what was last built without checking it (the launcher's tests use it); with no
// compiled server at all it runs the sources through tsx (a development checkout).
// A production install (`npm ci --omit=dev`) has no build tools: a present build is run as it is.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsCurrent } from "./build-stamp.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** The child gets this long to close cleanly; then it is killed (the data-dir lock of a dead pid is taken over). */
const GRACE_MS = 8_000;

let child;
let stopping;

function npm(args) {
  // Under npm, its own CLI; otherwise the one on the PATH.
  const cli = process.env.npm_execpath;
  return cli && cli.endsWith(".js")
    ? spawn(process.execPath, [cli, ...args], { cwd: root, stdio: "inherit" })
    : spawn("npm", args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
}

function stop(signal) {
  if (stopping) return;
  stopping = signal;
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    process.exit(signal === "SIGINT" ? 130 : 143);
  }
  child.kill(signal);
  setTimeout(() => child.kill("SIGKILL"), GRACE_MS).unref();
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(signal));

/** The parent of a process, where the system tells it (Linux); else undefined. */
function parentOf(pid) {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

// Orphaned: npm (our grandparent, under `sh -c`) or the shell was killed without a signal reaching us.
const parent = process.ppid;
const grandparent = parentOf(parent);
const watched = [parent, grandparent].filter((pid) => pid !== undefined && pid > 1);
setInterval(() => {
  if (process.ppid !== parent || !watched.every(alive)) stop("SIGTERM");
}, 500).unref();

function exitLike(code, signal) {
  if (signal) {
    // Die of the same signal, as a shell expects of a child it waits for.
    for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}

/** Whether the build tools (dev dependencies) are installed. */
function canBuild() {
  try {
    const require = createRequire(path.join(root, "apps/web/package.json"));
    require.resolve("vite/package.json");
    createRequire(path.join(root, "apps/server/package.json")).resolve("esbuild");
    return true;
  } catch {
    return false;
  }
}

const compiled = path.join(root, "apps/server/dist/server.js");

async function main() {
  if (!process.argv.includes("--skip-build") && !buildIsCurrent()) {
    if (canBuild()) {
      child = npm(["run", "build"]);
      const [code, signal] = await new Promise((resolve) => child.on("exit", (c, s) => resolve([c, s])));
      if (stopping || code !== 0) return exitLike(code, signal);
    } else if (existsSync(compiled)) {
      process.stderr.write("Atelier: the build tools are not installed; running the build as it is\n");
    } else {
      process.stderr.write(
        "Atelier: no build found and no build tools installed: run `npm ci && npm run build`\n",
      );
      process.exit(1);
    }
  }
  const args = existsSync(compiled) ? [compiled] : ["--import", "tsx", "src/entrypoints/server.ts"];
  child = spawn(process.execPath, args, {
    cwd: path.join(root, "apps/server"),
    stdio: ["inherit", "inherit", "inherit", "ipc"],
  });
  child.on("exit", exitLike);
}

await main();
