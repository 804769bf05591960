import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { postgresDb } from "../../src/db/postgres";
import type { Db } from "../../src/db/client";

/**
 * Several real server processes on one PostgreSQL database behind a real nginx, for the
 * multi-process test and `npm run bench:realtime`. nginx runs as the current user from a generated
 * configuration in a temporary prefix directory (no root paths); each server process is also
 * reachable directly on its own port for requests that must target one process.
 */

const SERVER_DIR = path.resolve(import.meta.dirname, "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** nginx from the system packages (Debian: `apt-get install nginx`), or undefined. */
export function findNginx(): string | undefined {
  for (const p of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]) {
    if (existsSync(p)) return p;
  }
  const found = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() || undefined : undefined;
}

export interface ServerProcess {
  index: number;
  url: string;
  port: number;
  child: ChildProcess;
  output: string[];
}

export interface Cluster {
  /** Through nginx: requests are spread over the processes (round robin). */
  proxyUrl: string;
  servers: ServerProcess[];
  /** The cluster's database, for checks (a small pool of its own). */
  db: Db;
  databaseUrl: string;
  dataDir: string;
  /** `kill -9` of one server process. */
  kill(index: number): Promise<void>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** A PostgreSQL server URL; a fresh database is created on it and dropped on close. */
  baseDatabaseUrl: string;
  processes: number;
  env?: Record<string, string>;
  /** Raise nginx's connection limits (the realtime benchmark holds thousands of sockets). */
  workerConnections?: number;
  /** Prepare the fresh database before the servers start (migrate, seed rows). */
  prepare?: (db: Db, databaseUrl: string) => Promise<void>;
  /** Run the servers with a raised open-file limit (`ulimit -n`). */
  fileLimit?: number;
}

async function startServer(
  index: number,
  env: Record<string, string>,
  fileLimit?: number,
): Promise<ServerProcess> {
  const port = await freePort();
  const output: string[] = [];
  const fullEnv = { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" };
  // `node` itself (not npx) so that kill -9 hits the server process; its own process group.
  const argv = [process.execPath, "--import", "tsx", "src/entrypoints/server.ts"];
  const child = fileLimit
    ? spawn("sh", ["-c", `ulimit -n ${fileLimit} && exec "$@"`, "sh", ...argv], {
        cwd: SERVER_DIR,
        env: fullEnv,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      })
    : spawn(argv[0] ?? process.execPath, argv.slice(1), {
        cwd: SERVER_DIR,
        env: fullEnv,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
  child.stdout?.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => output.push(c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server ${index} exited early:\n${output.join("")}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { index, url, port, child, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server ${index} did not start:\n${output.join("")}`);
}

async function stopServer(p: ServerProcess): Promise<void> {
  if (!p.child.pid || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once("exit", r));
  try {
    process.kill(-p.child.pid, "SIGTERM");
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

/** The hard limit on open files (`ulimit -Hn`): no process here can go above it. */
function hardFileLimit(): number {
  const out = spawnSync("sh", ["-c", "ulimit -Hn"], { encoding: "utf8" }).stdout.trim();
  const n = Number(out);
  return out === "unlimited" || !Number.isFinite(n) ? 1_000_000 : n;
}

/**
 * An nginx configuration: one upstream of the processes, WebSocket upgrades passed through.
 * `connections` is the total to hold (a proxied socket is two: client and upstream). One process
 * may not open more files than the hard limit, so above it the load is spread over several workers
 * (`reuseport` lets the kernel share the connections among them).
 */
export function nginxConfig(prefix: string, listenPort: number, upstreams: number[], connections: number) {
  const asRoot = process.getuid?.() === 0;
  const perWorkerFiles = Math.min(hardFileLimit(), 1_000_000) - 100;
  const workers = Math.max(1, Math.ceil((connections * 1.5) / perWorkerFiles));
  const workerConnections = Math.min(perWorkerFiles, Math.ceil((connections * 1.5) / workers) + 512);
  return `# Generated by test/scale/cluster.ts for one run; everything lives under ${prefix}.
${asRoot ? "user root root;\n" : ""}worker_processes ${workers};
worker_rlimit_nofile ${perWorkerFiles};
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections ${workerConnections}; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  client_max_body_size 50m;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream atelier {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n")}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${listenPort}${workers > 1 ? " reuseport" : ""};
    location / {
      proxy_pass http://atelier;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 3600s;
      # A process that is down is skipped; a request already sent to one that dies is not replayed
      # (nginx never retries a POST that reached an upstream), so only requests in flight there fail.
      proxy_next_upstream error timeout;
      # Which process answered (or failed): tests and benchmarks attribute outcomes with it.
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

export async function startNginx(
  upstreams: number[],
  workerConnections = 1024,
): Promise<{ url: string; close(): Promise<void>; prefix: string }> {
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is not installed (apt-get install -y nginx)");
  const prefix = await mkdtemp(path.join(os.tmpdir(), "atelier-nginx-"));
  for (const d of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) await mkdir(path.join(prefix, d));
  const port = await freePort();
  const conf = path.join(prefix, "nginx.conf");
  await writeFile(conf, nginxConfig(prefix, port, upstreams, workerConnections));
  const child = spawn(
    nginx,
    ["-p", prefix, "-c", conf, "-e", path.join(prefix, "error.log"), "-g", "daemon off;"],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const errors: string[] = [];
  child.stderr?.on("data", (c: Buffer) => errors.push(c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const log = await readFile(path.join(prefix, "error.log"), "utf8").catch(() => "");
      throw new Error(`nginx exited: ${errors.join("")}${log}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not yet
    }
    if (performance.now() > deadline) throw new Error(`nginx did not answer: ${errors.join("")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    prefix,
    async close() {
      // Anything serious nginx logged (a full connection table, no file descriptors) is worth seeing.
      const log = await readFile(path.join(prefix, "error.log"), "utf8").catch(() => "");
      const serious = log.split("\n").filter((l) => /\[(crit|alert|emerg)\]/.test(l));
      if (serious.length > 0) process.stderr.write(`nginx:\n${serious.slice(0, 10).join("\n")}\n`);
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGQUIT");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const name = `atelier_cluster_${randomBytes(5).toString("hex")}`;
  const admin = postgresDb(options.baseDatabaseUrl, 1);
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(options.baseDatabaseUrl);
  target.pathname = `/${name}`;
  const databaseUrl = target.toString();
  const db = postgresDb(databaseUrl, 4);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-cluster-"));
  const servers: ServerProcess[] = [];
  let proxy: Awaited<ReturnType<typeof startNginx>> | undefined;
  const close = async () => {
    await proxy?.close();
    await Promise.all(servers.map(stopServer));
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    if (options.prepare) await options.prepare(db, databaseUrl);
    const env = {
      DATABASE_URL: databaseUrl,
      // Shared by every process: uploads on local disk are served by whichever process is asked.
      ATELIER_DATA_DIR: dataDir,
      ATELIER_SEED_DEMO: "0",
      LOG_LEVEL: "warn",
      NODE_ENV: "development",
      ...options.env,
    };
    // The first migrates the fresh database; the others find it ready and start side by side.
    servers.push(await startServer(0, env, options.fileLimit));
    const rest = await Promise.all(
      Array.from({ length: options.processes - 1 }, (_, i) => startServer(i + 1, env, options.fileLimit)),
    );
    servers.push(...rest);
    proxy = await startNginx(
      servers.map((s) => s.port),
      options.workerConnections,
    );
  } catch (e) {
    await close();
    throw e;
  }
  return {
    proxyUrl: proxy.url,
    servers,
    db,
    databaseUrl,
    dataDir,
    async kill(index) {
      const s = servers[index];
      if (!s?.child.pid) return;
      const exited = new Promise((r) => s.child.once("exit", r));
      process.kill(-s.child.pid, "SIGKILL");
      await exited;
    },
    close,
  };
}
