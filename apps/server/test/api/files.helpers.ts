// Helpers the file tests share (files.test.ts, files.access.test.ts).
import { createHash, randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { FileDto, Problem } from "@atelier/contracts";
import sharp from "sharp";
import type { ApiClient } from "../client";
import type { TestServer } from "../harness";

/** What POST /api/files answers: a file, or a problem. */
export type Upload = FileDto & Partial<Problem>;

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

export function form(
  data: Uint8Array,
  name: string,
  type = "application/octet-stream",
  field = "file",
): FormData {
  const body = new FormData();
  body.append(field, new Blob([data], { type }), name);
  return body;
}

/** Downloads raw bytes (the JSON client would decode them as text). */
export async function download(
  server: TestServer,
  client: ApiClient,
  url: string,
  headers: Record<string, string> = {},
) {
  const h: Record<string, string> = { ...headers };
  if (client.cookies.size > 0) h.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  if (client.bearer) h.authorization = `Bearer ${client.bearer}`;
  const res = await fetch(server.url + url, { headers: h });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A photo-like image: noise, so encoders cannot shrink it to nothing. */
export function noise(width: number, height: number) {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });
}

/** The stored blobs and leftover temporary files: on local disk, or the keys in the S3 bucket. */
export async function blobsIn(server: TestServer): Promise<{ blobs: string[]; temporary: string[] }> {
  // S3 writes one object at the end of an upload; nothing temporary lives in the bucket.
  if (server.s3) return { blobs: await server.s3.keys(), temporary: [] };
  const root = path.join(server.config.dataDir, "files");
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
  return {
    blobs: files.filter((f) => !f.startsWith(".tmp")),
    temporary: files.filter((f) => f.startsWith(".tmp")),
  };
}
