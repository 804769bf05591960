import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "./clock";
import { currentProcessRecord, DataDirLockedError, lockDataDir, STALE_MS } from "./data-dir-lock";

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "atelier-lock-"));
  dirs.push(dir);
  return dir;
}

/** The pid recorded in a directory's lock file. */
function lockPid(dir: string): number {
  return (JSON.parse(readFileSync(path.join(dir, "atelier.lock"), "utf8")) as { pid: number }).pid;
}

/** Another Atelier process: it takes the lock with the real function and holds it until killed. */
async function otherProcessHolding(dir: string): Promise<ChildProcess> {
  const module = path.join(import.meta.dirname, "data-dir-lock.ts");
  const script = `const { lockDataDir } = await import(${JSON.stringify(module)});
    lockDataDir(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1 << 30);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const [line] = await once(child.stdout, "data");
  expect(String(line).trim()).toBe("locked");
  return child;
}

describe("lockDataDir", () => {
  it("writes our pid and removes the lock on release", () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    const file = path.join(dir, "atelier.lock");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      ...currentProcessRecord(),
      acquiredAt: expect.any(String),
    });
    release();
    expect(existsSync(file)).toBe(false);
  });

  it("refuses a directory another live process holds", async () => {
    const dir = tempDir();
    const holder = await otherProcessHolding(dir);
    expect(lockPid(dir)).toBe(holder.pid);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${holder.pid}`);
    // The holder's lock is left alone.
    expect(lockPid(dir)).toBe(holder.pid);
  });

  it("takes over a lock whose process is gone", async () => {
    const dir = tempDir();
    const holder = await otherProcessHolding(dir);
    holder.kill("SIGKILL"); // a crash: the lock file stays behind
    await once(holder, "exit");
    expect(existsSync(path.join(dir, "atelier.lock"))).toBe(true);
    const release = lockDataDir(dir);
    expect(lockPid(dir)).toBe(process.pid);
    release();
  });

  it("takes over an unreadable lock file", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "atelier.lock"), "garbage");
    const release = lockDataDir(dir);
    expect(lockPid(dir)).toBe(process.pid);
    release();
  });

  it("creates the directory when it does not exist yet", () => {
    const dir = path.join(tempDir(), "nested", "data");
    const release = lockDataDir(dir);
    expect(existsSync(path.join(dir, "atelier.lock"))).toBe(true);
    release();
  });

  it("refuses a lock held by the same pid in another container while its heartbeat is fresh", () => {
    const dir = tempDir();
    // Two containers on one volume: the other one's Atelier is pid 1 there, and may be our pid too.
    const other = {
      ...currentProcessRecord(),
      hostname: "other-container",
      pidNamespace: "pid:[4026599999]",
      startTime: "12",
    };
    writeFileSync(path.join(dir, "atelier.lock"), JSON.stringify(other));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.pid} on other-container`);
    expect(JSON.parse(readFileSync(path.join(dir, "atelier.lock"), "utf8"))).toEqual(other);

    // Same story from another machine (another boot) sharing the directory.
    writeFileSync(path.join(dir, "atelier.lock"), JSON.stringify({ ...other, bootId: "another-boot" }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it("takes over another container's lock once its heartbeat is older than the stale limit", () => {
    const dir = tempDir();
    const file = path.join(dir, "atelier.lock");
    const other = { ...currentProcessRecord(), hostname: "other-container", pidNamespace: "pid:[1]" };
    writeFileSync(file, JSON.stringify(other));
    // Still fresh one moment before the limit...
    expect(() => lockDataDir(dir, { now: () => systemClock.now().getTime() + STALE_MS - 2_000 })).toThrow(
      DataDirLockedError,
    );
    // ...and stale after it: that container stopped touching the file.
    const old = new Date(systemClock.now().getTime() - STALE_MS - 1_000);
    utimesSync(file, old, old);
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      pidNamespace: currentProcessRecord().pidNamespace,
    });
    release();
    expect(existsSync(file)).toBe(false);
  });

  it("takes over a lock whose pid was reused by an unrelated process", () => {
    const dir = tempDir();
    // Our parent is alive, but it is not the process that wrote this record: the start time differs.
    const reused = { ...currentProcessRecord(), pid: process.ppid, startTime: "1" };
    writeFileSync(path.join(dir, "atelier.lock"), JSON.stringify(reused));
    const release = lockDataDir(dir);
    expect(lockPid(dir)).toBe(process.pid);
    release();
  });

  it("still honours the pid-only lock of an older Atelier", async () => {
    const dir = tempDir();
    const holder = await otherProcessHolding(dir);
    writeFileSync(path.join(dir, "atelier.lock"), String(holder.pid));
    expect(() => lockDataDir(dir)).toThrow(`pid ${holder.pid}`);
  });
});
