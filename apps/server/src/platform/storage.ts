import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

/**
 * Where uploaded bytes live. Keys are opaque names chosen by the caller; the interface is small on
 * purpose so that an S3-compatible adapter (PutObject / GetObject / DeleteObject / HeadObject) can
 * implement it without changing any caller.
 */
export interface BlobStorage {
  /**
   * Stores `data` under `key`, replacing what was there. The blob appears all at once or not at all:
   * when `data` fails (a stream that errors, including a check that throws mid-way), nothing is left.
   */
  put(key: string, data: Uint8Array | AsyncIterable<Uint8Array>): Promise<{ size: number }>;
  /** The bytes of `key`; rejects with `BlobNotFoundError` when there is no such blob. */
  get(key: string): Promise<Readable>;
  /** Removes `key`; removing a missing blob is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No blob is stored under "${key}".`);
    this.name = "BlobNotFoundError";
  }
}

// Keys become file names: a conservative alphabet keeps them portable and free of path tricks.
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;
const MAX_KEY_LENGTH = 200;

export function assertValidKey(key: string): void {
  if (key.length < 4 || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new Error(`Invalid storage key "${key}".`);
  }
}

function isMissing(e: unknown): boolean {
  return e instanceof Error && "code" in e && e.code === "ENOENT";
}

/**
 * Blobs as files under `root`, sharded two levels deep by the key's first four characters
 * (`root/ab/cd/abcd…`) so that no directory grows to millions of entries. Callers should choose
 * keys that start with random characters. Writes go to `root/.tmp/` first and are renamed into
 * place, which is atomic on one file system: a crash never leaves a half-written blob.
 */
export function createLocalStorage(root: string): BlobStorage {
  const tmpDir = path.join(root, ".tmp");

  const pathOf = (key: string) => {
    assertValidKey(key);
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };

  return {
    async put(key, data) {
      const target = pathOf(key);
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${randomBytes(12).toString("hex")}.part`);
      const handle = await open(tmp, "wx");
      let size = 0;
      try {
        for await (const chunk of data instanceof Uint8Array ? [data] : data) {
          let written = 0;
          while (written < chunk.byteLength) {
            written += (await handle.write(chunk, written)).bytesWritten;
          }
          size += chunk.byteLength;
        }
        await handle.sync();
        await handle.close();
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
        return { size };
      } catch (e) {
        await handle.close().catch(() => undefined);
        await rm(tmp, { force: true });
        throw e;
      }
    },

    async get(key) {
      try {
        const handle = await open(pathOf(key), "r");
        return handle.createReadStream();
      } catch (e) {
        if (isMissing(e)) throw new BlobNotFoundError(key);
        throw e;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },

    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (e) {
        if (isMissing(e)) return false;
        throw e;
      }
    },
  };
}
