import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BlobNotFoundError, createLocalStorage, type BlobStorage } from "../../platform/storage";

let root: string;
let storage: BlobStorage;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "atelier-storage-"));
  storage = createLocalStorage(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe("local blob storage", () => {
  it("stores bytes and streams under sharded folders and reads them back", async () => {
    expect(await storage.put("abcdef.orig", Buffer.from("hello"))).toEqual({ size: 5 });
    const parts = [Buffer.from("stream"), Buffer.from("ed "), Buffer.from("bytes")];
    expect(await storage.put("xyz123.thumb", Readable.from(parts))).toEqual({ size: 14 });

    expect((await buffer(await storage.get("abcdef.orig"))).toString()).toBe("hello");
    expect((await buffer(await storage.get("xyz123.thumb"))).toString()).toBe("streamed bytes");
    expect((await filesUnder(root)).sort()).toEqual([
      path.join("ab", "cd", "abcdef.orig"),
      path.join("xy", "z1", "xyz123.thumb"),
    ]);
  });

  it("replaces a blob stored under the same key", async () => {
    await storage.put("abcdef.orig", Buffer.from("first"));
    await storage.put("abcdef.orig", Buffer.from("second"));
    expect((await buffer(await storage.get("abcdef.orig"))).toString()).toBe("second");
  });

  it("leaves nothing behind, not even a temporary file, when the source fails midway", async () => {
    async function* failing() {
      yield await Promise.resolve(Buffer.from("the first half"));
      throw new Error("client went away");
    }
    await expect(storage.put("abcdef.orig", failing())).rejects.toThrow("client went away");
    expect(await storage.exists("abcdef.orig")).toBe(false);
    expect(await filesUnder(root)).toEqual([]);
  });

  it("keeps the previous blob when a replacement fails", async () => {
    await storage.put("abcdef.orig", Buffer.from("kept"));
    async function* failing() {
      yield await Promise.resolve(Buffer.from("partial"));
      throw new Error("refused");
    }
    await expect(storage.put("abcdef.orig", failing())).rejects.toThrow("refused");
    expect((await buffer(await storage.get("abcdef.orig"))).toString()).toBe("kept");
  });

  it("answers exists, deletes idempotently and reports missing blobs", async () => {
    await storage.put("abcdef.orig", Buffer.from("x"));
    expect(await storage.exists("abcdef.orig")).toBe(true);
    await storage.delete("abcdef.orig");
    await storage.delete("abcdef.orig");
    expect(await storage.exists("abcdef.orig")).toBe(false);
    await expect(storage.get("abcdef.orig")).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it.each(["../etc/passwd", "ab/cd/ef", "a", ".hidden", "abcd..ef", "with space", "x".repeat(201)])(
    "refuses the key %j",
    async (key) => {
      await expect(storage.put(key, Buffer.from("x"))).rejects.toThrow("Invalid storage key");
      await expect(storage.get(key)).rejects.toThrow("Invalid storage key");
    },
  );
});
