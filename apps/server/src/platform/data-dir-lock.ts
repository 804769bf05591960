import { randomBytes } from "node:crypto";
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { systemClock } from "./clock";

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number, where?: string) {
    super(
      `The data directory ${dir} is in use by another Atelier process (pid ${pid}${where ? ` on ${where}` : ""}). ` +
        `Stop that process, or point ATELIER_DATA_DIR at another directory.`,
    );
    this.name = "DataDirLockedError";
  }
}

/**
 * Who holds the lock. A pid alone names a process only inside one pid namespace of one boot: two
 * containers sharing a volume both run Atelier as pid 1, so the record also says which machine boot
 * and which pid namespace the pid belongs to, and when that process started (pids are reused).
 */
export interface LockRecord {
  pid: number;
  hostname: string;
  /** `/proc/sys/kernel/random/boot_id`: changes at every boot, shared by the containers of one kernel. */
  bootId: string;
  /** `/proc/self/ns/pid`, e.g. `pid:[4026531836]`: which pid namespace `pid` is in. */
  pidNamespace: string;
  /** The process's start time in clock ticks after boot (`/proc/<pid>/stat` field 22). */
  startTime: string;
  acquiredAt: string;
}

/** The holder touches the lock file this often; a lock from elsewhere is stale after `STALE_MS`. */
export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 30_000;

const LOCK_FILE = "atelier.lock";

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return fallback;
  }
}

function startTimeOf(pid: number): string {
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
  const stat = readOr(`/proc/${pid}/stat`, "");
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return rest[19] ?? "";
}

function pidNamespace(): string {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return "";
  }
}

/** This process, as a lock record. */
export function currentProcessRecord(): LockRecord {
  return {
    pid: process.pid,
    hostname: hostname(),
    bootId: readOr("/proc/sys/kernel/random/boot_id", ""),
    pidNamespace: pidNamespace(),
    startTime: startTimeOf(process.pid),
    acquiredAt: systemClock.now().toISOString(),
  };
}

function parseRecord(text: string, me: LockRecord): LockRecord | undefined {
  // The lock of an older Atelier: just a pid, written in its own namespace (same host as before).
  if (/^\d+$/.test(text)) {
    return { ...me, pid: Number(text), startTime: "", acquiredAt: "" };
  }
  try {
    const r = JSON.parse(text) as Partial<LockRecord>;
    if (typeof r.pid !== "number" || !Number.isInteger(r.pid) || r.pid <= 0) return undefined;
    return {
      pid: r.pid,
      hostname: String(r.hostname ?? ""),
      bootId: String(r.bootId ?? ""),
      pidNamespace: String(r.pidNamespace ?? ""),
      startTime: String(r.startTime ?? ""),
      acquiredAt: String(r.acquiredAt ?? ""),
    };
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the recorded holder may still be running. Its pid can be checked only when it lives in our
 * pid namespace of our boot (the same container or host); there it holds if that pid is alive, is
 * not us, and started when the record says. From anywhere else (another container on a shared volume,
 * another machine on a network file system) only the heartbeat tells: a lock touched within `STALE_MS`
 * is held, whatever its pid happens to mean here.
 */
function holderMayLive(holder: LockRecord, lockMtimeMs: number, me: LockRecord, now: number): boolean {
  const sameNamespace =
    holder.bootId !== "" &&
    holder.bootId === me.bootId &&
    holder.pidNamespace !== "" &&
    holder.pidNamespace === me.pidNamespace;
  if (sameNamespace) {
    if (holder.pid === me.pid || !alive(holder.pid)) return false;
    return holder.startTime === "" || startTimeOf(holder.pid) === holder.startTime;
  }
  return now - lockMtimeMs < STALE_MS;
}

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it.
 * We take an exclusive lock file holding a record of this process (written whole, then linked into
 * place, so a reader never sees half a record) and touch it every `HEARTBEAT_MS` while we hold it. A
 * lock whose holder is gone, or an unreadable one, is taken over. Returns the release function.
 */
export function lockDataDir(dir: string, options: { now?: () => number } = {}): () => void {
  const now = options.now ?? (() => systemClock.now().getTime());
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const me = currentProcessRecord();
  for (let attempt = 0; attempt < 3; attempt++) {
    const tmp = path.join(dir, `.${LOCK_FILE}.${randomBytes(6).toString("hex")}`);
    const fd = openSync(tmp, "wx");
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, file); // atomic: fails with EEXIST when someone holds the lock
      rmSync(tmp, { force: true });
      const heartbeat = setInterval(() => {
        try {
          const seconds = now() / 1000;
          utimesSync(file, seconds, seconds);
        } catch {
          // the file went away (an operator removed it); the next start will notice
        }
      }, HEARTBEAT_MS);
      heartbeat.unref();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        // Only remove the lock if it is still ours.
        const current = parseRecord(readOr(file, ""), me);
        if (
          current &&
          current.pid === me.pid &&
          current.startTime === me.startTime &&
          current.bootId === me.bootId
        ) {
          rmSync(file, { force: true });
        }
      };
    } catch (e) {
      rmSync(tmp, { force: true });
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      continue; // released meanwhile: try again
    }
    const holder = parseRecord(readOr(file, ""), me);
    if (holder && holderMayLive(holder, mtimeMs, me, now())) {
      const where =
        holder.pidNamespace === me.pidNamespace && holder.bootId === me.bootId
          ? undefined
          : holder.hostname || "another host";
      throw new DataDirLockedError(dir, holder.pid, where);
    }
    rmSync(file, { force: true }); // stale: its process is gone, or the record is unreadable
  }
  throw new Error(`could not lock ${dir}`);
}
