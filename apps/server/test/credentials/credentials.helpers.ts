import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { FileDto } from "@atelier/contracts";
import { initSync, WasmReader } from "@contentauth/c2pa-wasm";
import type { ApiClient } from "../client";
import type { TestServer } from "../harness";

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

export async function upload(client: ApiClient, bytes: Uint8Array, name: string): Promise<FileDto> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const res = await client.post<FileDto>("/api/files", form);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Downloads raw bytes as `client` (the JSON client would decode them as text). */
export async function download(server: TestServer, client: ApiClient, url: string) {
  const headers: Record<string, string> = {};
  if (client.cookies.size > 0) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(server.url + url, { headers });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** POST /api/verify with `bytes`, anonymously. */
export async function verifyUpload(server: TestServer, bytes: Uint8Array, name = "file.bin") {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${server.url}/api/verify`, { method: "POST", body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let wasmReady = false;
/**
 * Reads a file with the Content Authenticity Initiative's reference implementation (c2pa-rs,
 * compiled to WebAssembly) — a different code base from c2pa-ts, which signs. With `trustAnchorPem`
 * the reader also checks the chain up to that root.
 */
export async function independentRead(bytes: Uint8Array, format: string, trustAnchorPem?: string) {
  if (!wasmReady) {
    const require = createRequire(import.meta.url);
    initSync({ module: readFileSync(require.resolve("@contentauth/c2pa-wasm/c2pa.wasm")) });
    wasmReady = true;
  }
  const context = trustAnchorPem
    ? JSON.stringify({ trust: { trust_anchors: trustAnchorPem }, verify: { verify_trust: true } })
    : undefined;
  const reader = await WasmReader.fromBytes(format, bytes, context);
  const store = JSON.parse(reader.json()) as {
    active_manifest: string;
    validation_state: string;
    validation_status?: { code: string }[];
    manifests: Record<string, { assertions: { label: string; data: Record<string, unknown> }[] }>;
  };
  const manifest = store.manifests[store.active_manifest];
  const assertion = (label: string) => manifest?.assertions.find((a) => a.label === label)?.data;
  return { state: store.validation_state, status: store.validation_status ?? [], assertion };
}
