import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock";

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
    expect(readFileSync(file, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(file)).toBe(false);
  });

  it("refuses a directory another live process holds", async () => {
    const dir = tempDir();
    const holder = await otherProcessHolding(dir);
    expect(readFileSync(path.join(dir, "atelier.lock"), "utf8")).toBe(String(holder.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${holder.pid}`);
    // The holder's lock is left alone.
    expect(readFileSync(path.join(dir, "atelier.lock"), "utf8")).toBe(String(holder.pid));
  });

  it("takes over a lock whose process is gone", async () => {
    const dir = tempDir();
    const holder = await otherProcessHolding(dir);
    holder.kill("SIGKILL"); // a crash: the lock file stays behind
    await once(holder, "exit");
    expect(existsSync(path.join(dir, "atelier.lock"))).toBe(true);
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "atelier.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over an unreadable lock file", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "atelier.lock"), "garbage");
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, "atelier.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("creates the directory when it does not exist yet", () => {
    const dir = path.join(tempDir(), "nested", "data");
    const release = lockDataDir(dir);
    expect(existsSync(path.join(dir, "atelier.lock"))).toBe(true);
    release();
  });
});
