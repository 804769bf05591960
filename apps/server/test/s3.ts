import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import type { S3Location } from "../src/platform/storage-s3";

/** s3rver's fixed credentials: it checks request signatures against them. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface TestS3 {
  location: S3Location;
  /** `ATELIER_STORAGE_URL` for a server process. */
  url: string;
  /** Every key in the bucket under the prefix, without the prefix. */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

/** A local S3-compatible server (s3rver, pure JavaScript) on a random port with one empty bucket. */
export async function startTestS3(): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), "atelier-s3rver-"));
  const bucket = "atelier-test";
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const location: S3Location = {
    bucket,
    prefix: "files/",
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  };
  const client = new S3Client({ ...location, credentials: S3RVER_CREDENTIALS });
  return {
    location,
    url: `s3://${bucket}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1&forcePathStyle=1`,
    async keys() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: location.prefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key.slice(location.prefix.length));
        token = page.NextContinuationToken;
      } while (token);
      return keys.sort();
    },
    async close() {
      client.destroy();
      server.httpServer.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Set by a test file that runs a suite again with uploads in S3 (see `test/api/files.s3.test.ts`). */
export const testStorageKind = (): "local" | "s3" =>
  process.env.ATELIER_TEST_STORAGE === "s3" ? "s3" : "local";
