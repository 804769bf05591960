import { createPublicKey, verify as nodeVerify } from "node:crypto";
import type { Order, PublicKeyListDto, ReceiptDto } from "@atelier/contracts";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/modules/credentials/credentials.models";
import { startTestServer, type TestServer } from "../harness";
import { newCast, placeOrder, type Cast } from "../orders/orders.helpers";
import { download, independentRead, sha256, upload } from "./credentials.helpers";

/**
 * What a delivery declares reaches its credential through the real routes (API.md section 12): the
 * delivery's AI declaration becomes the manifest's digitalSourceType, the order's licence and the
 * gig's AI-training answer are in it, and the receipt's licence status follows the money.
 */

const IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/";
let server: TestServer;
let c: Cast;

beforeAll(async () => {
  server = await startTestServer();
  c = await newCast(server);
  await server.deps.db.query(
    "UPDATE gigs SET licences = $2::jsonb, allow_ai_training = true, ai_use = 'generated', ai_tools = $3::jsonb WHERE id = $1",
    [
      c.gigId,
      JSON.stringify([
        { kind: "personal", price: { amount: 0, currency: "USD" } },
        { kind: "commercial", price: { amount: 2000, currency: "USD" } },
      ]),
      JSON.stringify(["Midjourney"]),
    ],
  );
});
afterAll(() => server.close());

async function inProgress(licence: "personal" | "commercial") {
  const placed = await placeOrder(c.buyer, c.gigId, { licence });
  const res = await c.buyer.client.post(`/api/orders/${placed.id}/requirements`, {
    answers: [{ requirementId: "req_brand", text: "Acme" }],
  });
  expect(res.status).toBe(200);
  return placed.id;
}

async function png() {
  const raw = Buffer.alloc(48 * 32 * 3, 0);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 13) & 0xff;
  const bytes = await sharp(raw, { raw: { width: 48, height: 32, channels: 3 } })
    .png()
    .toBuffer();
  return upload(c.seller.client, bytes, "art.png");
}

function verifyReceipt(receipt: ReceiptDto, keys: PublicKeyListDto["items"]) {
  const key = keys.find((k) => k.keyId === receipt.keyId);
  const { signature, ...body } = receipt;
  const [header, , sig] = signature.split(".");
  const input = `${header}.${Buffer.from(canonicalJson(body)).toString("base64url")}`;
  return nodeVerify(
    "sha256",
    Buffer.from(input),
    { key: createPublicKey(key?.publicKeyPem ?? ""), dsaEncoding: "ieee-p1363" },
    Buffer.from(sig ?? "", "base64url"),
  );
}

describe("the AI declaration on deliveries", () => {
  it("is required, with the tools named when AI was used (400 naming the field)", async () => {
    const id = await inProgress("personal");
    const missing = await c.seller.client.post(`/api/orders/${id}/deliveries`, {
      message: "Done",
      fileIds: [],
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "validation_failed", errors: [{ path: "aiUse" }] });
    const noTools = await c.seller.client.post(`/api/orders/${id}/deliveries`, {
      message: "Done",
      fileIds: [],
      aiUse: "assisted",
    });
    expect(noTools.status).toBe(400);
    expect(noTools.body).toMatchObject({ code: "validation_failed", errors: [{ path: "aiTools" }] });
  });

  it("becomes the manifest's digitalSourceType; the receipt's licence is granted when the money is released", async () => {
    const id = await inProgress("commercial");
    const file = await png();
    const res = await c.seller.client.post<Order>(`/api/orders/${id}/deliveries`, {
      message: "Generated as agreed",
      fileIds: [file.id],
      aiUse: "generated",
      aiTools: ["Midjourney", "Photoshop"],
    });
    expect(res.status).toBe(200);
    expect(res.body.deliveries[0]).toMatchObject({
      aiUse: "generated",
      aiTools: ["Midjourney", "Photoshop"],
    });

    const got = await download(server, c.buyer.client, file.url);
    const read = await independentRead(got.bytes, "image/png");
    expect(read.state).toBe("Valid");
    const actions = read.assertion("c2pa.actions.v2") as { actions: { digitalSourceType: string }[] };
    expect(actions.actions[0]?.digitalSourceType).toBe(`${IPTC}trainedAlgorithmicMedia`);
    expect(read.assertion("stds.schema-org.CreativeWork")).toMatchObject({
      license: expect.stringMatching(/\/licences\/commercial$/),
    });
    const training = read.assertion("c2pa.training-mining") as { entries: Record<string, { use: string }> };
    expect(training.entries["c2pa.ai_training"]).toEqual({ use: "allowed" });

    const before = (await c.buyer.client.get<ReceiptDto>(`/api/files/${file.id}/receipt`)).body;
    expect(before).toMatchObject({
      sha256: sha256(got.bytes),
      licence: { kind: "commercial", status: "pending" },
      aiUse: "generated",
      aiTools: ["Midjourney", "Photoshop"],
    });

    expect((await c.buyer.client.post(`/api/orders/${id}/accept`)).status).toBe(200);
    const after = (await c.buyer.client.get<ReceiptDto>(`/api/files/${file.id}/receipt`)).body;
    expect(after.licence).toEqual({ kind: "commercial", status: "granted" });
    // The buyer's bytes still match the receipt, and the re-signed receipt verifies.
    expect(after.sha256).toBe(sha256((await download(server, c.buyer.client, file.url)).bytes));
    const keys = (await server.client().get<PublicKeyListDto>("/api/verify/keys")).body.items;
    expect(verifyReceipt(after, keys)).toBe(true);
    // Anyone holding the file sees the licence granted, and that AI training is allowed.
    const pub = await server
      .client()
      .get<{ verified: boolean; credential: Record<string, unknown> }>(`/api/verify/${after.sha256}`);
    expect(pub.body).toMatchObject({
      verified: true,
      credential: {
        licence: { kind: "commercial", status: "granted" },
        aiUse: "generated",
        aiTraining: "allowed",
      },
    });
  });

  it("accepts 'undisclosed AI' as the category of a dispute", async () => {
    const id = await inProgress("personal");
    await c.seller.client.post(`/api/orders/${id}/deliveries`, {
      message: "Done",
      fileIds: [],
      aiUse: "none",
    });
    const res = await c.buyer.client.post<Order>(`/api/orders/${id}/disputes`, {
      reason: "This was clearly generated",
      category: "undisclosed_ai",
    });
    expect(res.status).toBe(200);
    expect(res.body.dispute).toMatchObject({
      category: "undisclosed_ai",
      reason: "This was clearly generated",
    });
  });
});
