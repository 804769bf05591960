import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { lazyImport } from "./lazy";
import { assertValidKey, BlobNotFoundError, type BlobStorage } from "./storage";

/** The AWS SDK, imported on the first object stored or read (not at start, nor without S3 configured). */
const loadSdk = lazyImport(() => import("@aws-sdk/client-s3"));
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/** Where an S3-compatible store is and how to talk to it, parsed from `ATELIER_STORAGE_URL`. */
export interface S3Location {
  bucket: string;
  /** Keys are stored under this prefix (`files/` by default), so a bucket can be shared. */
  prefix: string;
  endpoint: string | undefined;
  region: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO, most self-hosted stores). */
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/**
 * `s3://bucket?endpoint=https://s3.example.com&region=eu-west-1&forcePathStyle=1&prefix=files/`.
 * Credentials come from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (or, when unset, the SDK's usual
 * chain: shared config files, instance roles). Throws an Error naming the variable on a bad value.
 */
export function parseStorageUrl(value: string, env: NodeJS.ProcessEnv = process.env): S3Location {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ATELIER_STORAGE_URL: expected s3://bucket?endpoint=…&region=…, got "${value}"`);
  }
  if (url.protocol !== "s3:" || url.hostname === "") {
    throw new Error(`ATELIER_STORAGE_URL: expected s3://bucket?endpoint=…&region=…, got "${value}"`);
  }
  const q = url.searchParams;
  const endpoint = q.get("endpoint") ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\//.test(endpoint)) {
    throw new Error(`ATELIER_STORAGE_URL: endpoint must be an http(s) URL, got "${endpoint}"`);
  }
  const flag = q.get("forcePathStyle");
  let prefix = q.get("prefix") ?? "files/";
  if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return {
    bucket: url.hostname,
    prefix,
    endpoint,
    region: q.get("region") ?? env.AWS_REGION ?? "us-east-1",
    // A custom endpoint is nearly always a self-hosted store that wants path-style addressing.
    forcePathStyle: flag === null ? endpoint !== undefined : flag === "1" || flag === "true",
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}

function isNotFound(sdk: Sdk, e: unknown): boolean {
  if (e instanceof sdk.S3ServiceException) {
    return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata.httpStatusCode === 404;
  }
  return false;
}

/**
 * Blobs as objects in an S3-compatible bucket. A stream given to `put` is spooled to a temporary file
 * first: the object is only written (one PutObject with a known length) once the whole stream has been
 * read without error, so a failed upload leaves nothing and the previous object, if any, stays.
 */
export function createS3Storage(location: S3Location): BlobStorage {
  const connect = lazyImport(async (): Promise<{ sdk: Sdk; client: S3Client }> => {
    const sdk = await loadSdk();
    const client = new sdk.S3Client({
      region: location.region,
      endpoint: location.endpoint,
      forcePathStyle: location.forcePathStyle,
      credentials: location.credentials,
      // Many S3-compatible stores do not understand the SDK's default streaming checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    return { sdk, client };
  });
  const Bucket = location.bucket;
  const keyOf = (key: string) => {
    assertValidKey(key);
    return location.prefix + key;
  };

  return {
    async put(key, data) {
      const Key = keyOf(key);
      const { sdk, client } = await connect();
      if (data instanceof Uint8Array) {
        await client.send(
          new sdk.PutObjectCommand({ Bucket, Key, Body: data, ContentLength: data.byteLength }),
        );
        return { size: data.byteLength };
      }
      const dir = await mkdtemp(path.join(tmpdir(), "atelier-s3-"));
      const file = path.join(dir, `${randomBytes(8).toString("hex")}.part`);
      try {
        const handle = await open(file, "wx");
        let size = 0;
        try {
          for await (const chunk of data) {
            let written = 0;
            while (written < chunk.byteLength) {
              written += (await handle.write(chunk, written)).bytesWritten;
            }
            size += chunk.byteLength;
          }
        } finally {
          await handle.close();
        }
        await client.send(
          new sdk.PutObjectCommand({ Bucket, Key, Body: createReadStream(file), ContentLength: size }),
        );
        return { size };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },

    async get(key) {
      const { sdk, client } = await connect();
      try {
        const res = await client.send(new sdk.GetObjectCommand({ Bucket, Key: keyOf(key) }));
        const body = res.Body;
        if (body instanceof Readable) return body;
        if (body && "transformToByteArray" in body) {
          return Readable.from([Buffer.from(await body.transformToByteArray())]);
        }
        return Readable.from([]);
      } catch (e) {
        if (isNotFound(sdk, e)) throw new BlobNotFoundError(key);
        throw e;
      }
    },

    async delete(key) {
      const Key = keyOf(key);
      const { sdk, client } = await connect();
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key }));
    },

    async exists(key) {
      const { sdk, client } = await connect();
      try {
        await client.send(new sdk.HeadObjectCommand({ Bucket, Key: keyOf(key) }));
        return true;
      } catch (e) {
        if (isNotFound(sdk, e)) return false;
        throw e;
      }
    },
  };
}
