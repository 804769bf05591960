import { createHash, randomBytes } from "node:crypto";
import type { FileDto, Order } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../client";
import { startTestServer, type TestServer } from "../harness";
import { newCast, newParty, placeOrder, type Cast, type Party } from "./orders.helpers";

/**
 * Files linked to an order through the real routes: the buyer's requirement attachments and the
 * seller's delivery. The order's buyer and seller read them, admins too, and nobody else (404).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

async function upload(party: Party, bytes: Uint8Array, name: string): Promise<FileDto> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const res = await party.client.post<FileDto>("/api/files", form);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Downloads the raw bytes as `client` (the JSON client would decode them as text). */
async function download(client: ApiClient, url: string) {
  const headers: Record<string, string> = {};
  if (client.cookies.size > 0) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  if (client.bearer) headers.authorization = `Bearer ${client.bearer}`;
  const res = await fetch(server.url + url, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A seller's delivery and a buyer's requirement attachment on one order. */
interface Scene {
  cast: Cast;
  order: Order;
  delivered: { file: FileDto; bytes: Buffer };
  brief: { file: FileDto; bytes: Buffer };
}

let scene: Scene;
beforeAll(async () => {
  const cast = await newCast(server);
  const placed = await placeOrder(cast.buyer, cast.gigId);
  const briefBytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(4096), Buffer.from("\n%%EOF\n")]);
  const brief = await upload(cast.buyer, briefBytes, "brand-brief.pdf");
  const answered = await cast.buyer.client.post<Order>(`/api/orders/${placed.id}/requirements`, {
    answers: [{ requirementId: "req_brand", text: "Acme", fileIds: [brief.id] }],
  });
  expect(answered.status).toBe(200);

  // Random bytes behind a ZIP signature: any change on the way back would change the digest.
  const deliveredBytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(64 * 1024)]);
  const delivered = await upload(cast.seller, deliveredBytes, "final-logo.zip");
  const order = await cast.seller.client.post<Order>(`/api/orders/${placed.id}/deliveries`, {
    aiUse: "none",
    message: "Here is your logo",
    fileIds: [delivered.id],
  });
  expect(order.status).toBe(200);
  expect(order.body.status).toBe("delivered");
  scene = {
    cast,
    order: order.body,
    delivered: { file: delivered, bytes: deliveredBytes },
    brief: { file: brief, bytes: briefBytes },
  };
});

describe("files delivered on an order", () => {
  it("lets the buyer download the delivered work, byte for byte", async () => {
    const { cast, delivered } = scene;
    const got = await download(cast.buyer.client, delivered.file.url);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(sha256(delivered.bytes));
    expect(sha256(got.bytes)).toBe(delivered.file.sha256);
    expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename\*=UTF-8''final-logo\.zip/);
    expect(got.headers.get("cache-control")).toBe("private, no-store");

    const meta = await cast.buyer.client.get<FileDto>(`/api/files/${delivered.file.id}/meta`);
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({
      id: delivered.file.id,
      name: "final-logo.zip",
      sha256: delivered.file.sha256,
    });
  });

  it("lists the delivery's files on the order the buyer reads", async () => {
    const { cast, order, delivered } = scene;
    const seen = await cast.buyer.client.get<Order>(`/api/orders/${order.id}`);
    expect(JSON.stringify(seen.body)).toContain(delivered.file.url);
  });

  it("lets the seller download the buyer's requirement attachment, byte for byte", async () => {
    const { cast, brief } = scene;
    const got = await download(cast.seller.client, brief.file.url);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(sha256(brief.bytes));
    const meta = await cast.seller.client.get<FileDto>(`/api/files/${brief.file.id}/meta`);
    expect(meta.status).toBe(200);
    expect(meta.body.sha256).toBe(sha256(brief.bytes));
  });

  it("answers 404 to a stranger, another seller and a visitor, for the files and their facts", async () => {
    const { cast, delivered, brief } = scene;
    const otherSeller = await newParty(server, "seller");
    const visitor = server.client();
    for (const outsider of [cast.stranger.client, otherSeller.client, visitor]) {
      for (const file of [delivered.file, brief.file]) {
        const bytes = await download(outsider, file.url);
        expect(bytes.status).toBe(404);
        expect(bytes.bytes.toString()).toContain('"code":"not_found"');
        const meta = await outsider.get(`/api/files/${file.id}/meta`);
        expect(meta.status).toBe(404);
        expect(meta.body.code).toBe("not_found");
      }
    }
  });

  it("lets an admin read both", async () => {
    const { cast, delivered, brief } = scene;
    for (const file of [delivered, brief]) {
      const got = await download(cast.admin.client, file.file.url);
      expect(got.status).toBe(200);
      expect(sha256(got.bytes)).toBe(sha256(file.bytes));
      expect((await cast.admin.client.get(`/api/files/${file.file.id}/meta`)).status).toBe(200);
    }
  });

  it("does not open a participant's files of one order to the parties of another", async () => {
    const { cast, delivered } = scene;
    // The same seller's other buyer, with an order of their own, still may not read this delivery.
    const otherBuyer = await newParty(server);
    await placeOrder(otherBuyer, cast.gigId);
    expect((await download(otherBuyer.client, delivered.file.url)).status).toBe(404);
  });
});
