import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3, type TestS3 } from "../../test/s3";
import { BlobNotFoundError, type BlobStorage } from "./storage";
import { createS3Storage, parseStorageUrl } from "./storage-s3";

let s3: TestS3;
let storage: BlobStorage;
beforeAll(async () => {
  s3 = await startTestS3();
  storage = createS3Storage(s3.location);
});
afterAll(() => s3.close());

describe("S3 blob storage (against a local s3rver)", () => {
  it("stores bytes and streams under the prefix and reads them back", async () => {
    expect(await storage.put("abcdef.orig", Buffer.from("hello"))).toEqual({ size: 5 });
    const parts = [Buffer.from("streamed "), Buffer.from("bytes")];
    expect(await storage.put("xyz123.thumb", Readable.from(parts))).toEqual({ size: 14 });
    expect((await buffer(await storage.get("abcdef.orig"))).toString()).toBe("hello");
    expect((await buffer(await storage.get("xyz123.thumb"))).toString()).toBe("streamed bytes");
    expect(await s3.keys()).toEqual(["abcdef.orig", "xyz123.thumb"]);
  });

  it("leaves nothing when the stream fails, and keeps the previous object", async () => {
    async function* failing() {
      yield Buffer.from("partial");
      throw new Error("client went away");
    }
    await expect(storage.put("failed1.orig", failing())).rejects.toThrow("client went away");
    expect(await storage.exists("failed1.orig")).toBe(false);
    await storage.put("kept01.orig", Buffer.from("kept"));
    await expect(storage.put("kept01.orig", failing())).rejects.toThrow("client went away");
    expect((await buffer(await storage.get("kept01.orig"))).toString()).toBe("kept");
  });

  it("deletes idempotently and reports a missing blob as BlobNotFoundError", async () => {
    await storage.put("gone01.orig", Buffer.from("x"));
    expect(await storage.exists("gone01.orig")).toBe(true);
    await storage.delete("gone01.orig");
    await storage.delete("gone01.orig");
    expect(await storage.exists("gone01.orig")).toBe(false);
    await expect(storage.get("gone01.orig")).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it("refuses keys that are not safe names", async () => {
    await expect(storage.put("../etc/passwd", Buffer.from("x"))).rejects.toThrow("Invalid storage key");
  });
});

describe("ATELIER_STORAGE_URL", () => {
  it("reads bucket, endpoint, region, path style, prefix and the AWS credentials", () => {
    const env = { AWS_ACCESS_KEY_ID: "id", AWS_SECRET_ACCESS_KEY: "secret" };
    expect(
      parseStorageUrl("s3://uploads?endpoint=http://minio:9000&region=eu-west-1&prefix=atelier", env),
    ).toEqual({
      bucket: "uploads",
      prefix: "atelier/",
      endpoint: "http://minio:9000",
      region: "eu-west-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
    expect(parseStorageUrl("s3://uploads", {})).toMatchObject({
      endpoint: undefined,
      region: "us-east-1",
      forcePathStyle: false,
      prefix: "files/",
      credentials: undefined,
    });
  });

  it.each(["garbage", "http://bucket", "s3://b?endpoint=minio:9000"])("names the variable for %j", (v) => {
    expect(() => parseStorageUrl(v, {})).toThrow("ATELIER_STORAGE_URL");
  });
});
