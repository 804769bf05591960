/**
 * What the benchmarks share for running a server in a child process: a free port, and a script
 * started in its own process group (so `stop` reaches tsx and the node process under it), ready
 * when a probe path answers 2xx, with the tail of its output kept for the error message.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP port nothing listens on at the moment of asking. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

export interface BenchChild {
  url: string;
  /** The child's pid (for reading its CPU time and memory from /proc). */
  pid: number | undefined;
  /** SIGTERM to the group, SIGKILL after 10 s; resolves when the process has exited. */
  stop(): Promise<void>;
  /** The last 20,000 characters the process wrote to stdout and stderr. */
  output(): string;
}

export interface ChildOptions {
  /** Working directory of the script. */
  cwd: string;
  /** Added to this process's environment, with PORT, HOST and LOG_LEVEL set by this function. */
  env: Record<string, string>;
  /** Path probed until it answers 2xx, e.g. `/api/health`. */
  probe: string;
  /** Node flags before `--import tsx`. */
  nodeArgs?: readonly string[];
  /** How long to wait for the probe. */
  timeoutMs?: number;
  /** Let the child write to this terminal instead of keeping its output. */
  inheritOutput?: boolean;
  /** Checks the probe's 2xx answer (e.g. which database the server runs on); a throw stops the child. */
  onReady?: (response: Response) => Promise<void>;
}

/**
 * Runs `node --import tsx <script>` (plain `node <script>` for compiled `.js`) on a free port and
 * waits until `probe` answers.
 */
export async function startChild(script: string, o: ChildOptions): Promise<BenchChild> {
  const port = await freePort();
  const loader = script.endsWith(".js") ? [] : ["--import", "tsx"];
  const child: ChildProcess = spawn("node", [...(o.nodeArgs ?? []), ...loader, script], {
    cwd: o.cwd,
    env: { ...process.env, LOG_LEVEL: "warn", ...o.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: o.inheritOutput ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const pid = child.pid;
    if (exited || pid === undefined) return;
    process.kill(-pid, "SIGTERM");
    const timer = setTimeout(() => {
      if (!exited) process.kill(-pid, "SIGKILL");
    }, 10_000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = performance.now() + (o.timeoutMs ?? 90_000);
  while (performance.now() < deadline && !exited) {
    const response = await fetch(url + o.probe).catch(() => null); // null: not listening yet
    if (response?.ok) {
      try {
        await o.onReady?.(response);
      } catch (error) {
        await stop();
        throw error;
      }
      return { url, pid: child.pid, stop, output: () => log };
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`${script} did not answer ${o.probe}:\n${log}`);
}

/**
 * CPU time (user + system, all threads) the processes have used so far, in milliseconds, from
 * /proc/<pid>/stat (null where there is no /proc); a process that has exited counts 0. USER_HZ is 100:
 * a tick is 10 ms. A server's CPU per request does not grow with other processes' load the way its
 * latency does, so the benches print it beside their latencies.
 */
export function cpuMs(pids: readonly (number | undefined)[]): number | null {
  const stat = (pid: number | "self") => {
    try {
      return readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return null;
    }
  };
  if (stat("self") === null) return null;
  let total = 0;
  for (const pid of pids) {
    const text = pid === undefined ? null : stat(pid);
    if (text === null) continue;
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    total += (Number(fields[11]) + Number(fields[12])) * 10; // utime (14) + stime (15)
  }
  return total;
}
