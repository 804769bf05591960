import { createPublicKey, verify as nodeVerify } from "node:crypto";
import type { FileDto, Order, PublicKeyListDto, ReceiptDto } from "@atelier/contracts";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import sharp from "sharp";
import { JPEG, PNG } from "@trustnxt/c2pa-ts/asset";
import { WebP } from "../../src/modules/credentials/credentials.webp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coseSigner, embedManifest } from "../../src/modules/credentials/credentials.c2pa";
import { generateKeyMaterial, toSigningKey } from "../../src/modules/credentials/credentials.keys";
import { canonicalJson } from "../../src/modules/credentials/credentials.models";
import * as credentials from "../../src/modules/credentials/credentials.usecases";
import { startTestServer, type TestServer } from "../harness";
import { newCast, placeOrder, type Cast } from "../orders/orders.helpers";
import { download, independentRead, sha256, upload, verifyUpload } from "./credentials.helpers";

/**
 * Content credentials on files delivered through the real routes: the C2PA manifest the buyer
 * downloads (read back by an independent C2PA implementation), the signed receipt and who may read
 * it, public verification by hash and by upload, tampering, and key rotation.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/";

/** A picture with texture, so that a flipped byte lands in image data. */
function picture(seed: number) {
  const width = 96;
  const height = 64;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 31 + seed * 97 + ((i / 7) | 0)) & 0xff;
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

/** A one-page PDF as pdf-lib writes it: object streams and a cross-reference stream, or classic tables. */
async function pdfDocument(classic = false) {
  const doc = await PDFDocument.create();
  doc.addPage([300, 200]).drawText("Brand guide", { x: 20, y: 150 });
  return Buffer.from(await doc.save({ useObjectStreams: !classic }));
}

interface Delivered {
  file: FileDto;
  original: Buffer;
  receipt: ReceiptDto;
}

let cast: Cast;
let order: Order;
let sellerName: string;
const delivered: Record<"png" | "jpeg" | "pdf" | "webp", Delivered> = {} as never;

async function issue(fileId: string, o: Partial<credentials.DeliveryCredentialInput> = {}) {
  return server.deps.db.transaction((tx) =>
    credentials.issueForDelivery(server.deps, tx, {
      fileId,
      orderId: order.id,
      seller: { id: cast.seller.id, username: cast.seller.username, displayName: sellerName },
      deliveredAt: server.deps.clock.now(),
      licence: { kind: "commercial", status: "pending" },
      aiUse: "assisted",
      aiTools: ["Midjourney"],
      allowAiTraining: false,
      ...o,
    }),
  );
}

beforeAll(async () => {
  cast = await newCast(server);
  const me = await cast.seller.client.get<{ displayName: string }>("/api/me");
  sellerName = me.body.displayName;
  const placed = await placeOrder(cast.buyer, cast.gigId);
  const answered = await cast.buyer.client.post(`/api/orders/${placed.id}/requirements`, {
    answers: [{ requirementId: "req_brand", text: "Acme" }],
  });
  expect(answered.status).toBe(200);
  const originals = {
    png: await picture(1).png().toBuffer(),
    jpeg: await picture(2).jpeg({ quality: 90 }).toBuffer(),
    webp: await picture(3).webp().toBuffer(),
    pdf: await pdfDocument(),
  };
  const files = {
    png: await upload(cast.seller.client, originals.png, "logo.png"),
    jpeg: await upload(cast.seller.client, originals.jpeg, "poster.jpg"),
    webp: await upload(cast.seller.client, originals.webp, "banner.webp"),
    pdf: await upload(cast.seller.client, originals.pdf, "guide.pdf"),
  };
  const res = await cast.seller.client.post<Order>(`/api/orders/${placed.id}/deliveries`, {
    aiUse: "none",
    message: "Your files",
    fileIds: Object.values(files).map((f) => f.id),
  });
  expect(res.status).toBe(200);
  order = res.body;
  // The real deliver route already gave every file its credential (personal licence, the gig's AI flag).
  for (const f of Object.values(files)) {
    const auto = await cast.buyer.client.get<ReceiptDto>(`/api/files/${f.id}/receipt`);
    expect(auto.status).toBe(200);
    expect(auto.body).toMatchObject({
      fileId: f.id,
      orderId: order.id,
      licence: { kind: "personal", status: "pending" },
    });
  }
  for (const kind of ["png", "jpeg", "webp", "pdf"] as const) {
    const ai =
      kind === "jpeg"
        ? { aiUse: "generated" as const, aiTools: ["Stable Diffusion"], allowAiTraining: true }
        : kind === "pdf"
          ? { aiUse: "none" as const, aiTools: [] }
          : {};
    const { receipt } = await issue(files[kind].id, ai);
    delivered[kind] = { file: files[kind], original: originals[kind], receipt };
  }
});

async function keys() {
  const res = await server.client().get<PublicKeyListDto>("/api/verify/keys");
  expect(res.status).toBe(200);
  return res.body.items;
}

/** The root certificate of a key's chain (PEM), the trust anchor an independent reader is given. */
function rootOf(chainPem: string): string {
  const certs = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return certs[certs.length - 1] ?? "";
}

describe("the credentialed bytes the buyer downloads", () => {
  for (const [kind, format] of [
    ["png", "image/png"],
    ["jpeg", "image/jpeg"],
    ["webp", "image/webp"],
  ] as const) {
    it(`${kind}: an independent C2PA reader (c2pa-rs) finds and validates the manifest`, async () => {
      const { file, receipt, original } = delivered[kind];
      const got = await download(server, cast.buyer.client, file.url);
      expect(got.status).toBe(200);
      expect(sha256(got.bytes)).toBe(receipt.sha256);
      expect(receipt.sha256).not.toBe(sha256(original));
      // The picture itself is unchanged: only the manifest was added.
      const [a, b] = await Promise.all([sharp(got.bytes).raw().toBuffer(), sharp(original).raw().toBuffer()]);
      expect(sha256(a)).toBe(sha256(b));

      const [key] = await keys();
      const read = await independentRead(got.bytes, format, rootOf(key!.certificateChainPem));
      expect(read.status).toEqual([]);
      expect(read.state).toBe("Trusted");
      // Without our root as an anchor it is still cryptographically valid, just not from a known CA.
      expect((await independentRead(got.bytes, format)).state).toBe("Valid");

      const work = read.assertion("stds.schema-org.CreativeWork");
      expect(work).toMatchObject({
        "@type": "CreativeWork",
        author: [{ "@type": "Person", name: sellerName, identifier: cast.seller.username }],
        license: expect.stringMatching(/\/licences\/commercial$/),
        identifier: file.id,
      });
      const actions = read.assertion("c2pa.actions.v2") as {
        actions: { action: string; digitalSourceType: string }[];
      };
      expect(actions.actions[0]).toMatchObject({
        action: "c2pa.created",
        digitalSourceType:
          kind === "jpeg" ? `${IPTC}trainedAlgorithmicMedia` : `${IPTC}compositeWithTrainedAlgorithmicMedia`,
      });
      const training = read.assertion("c2pa.training-mining") as { entries: Record<string, { use: string }> };
      const use = kind === "jpeg" ? "allowed" : "notAllowed";
      expect(training.entries).toEqual({
        "c2pa.ai_generative_training": { use },
        "c2pa.ai_inference": { use },
        "c2pa.ai_training": { use },
        "c2pa.data_mining": { use },
      });
      // The buyer is not in the manifest.
      const text = got.bytes.toString("latin1");
      expect(text).not.toContain(cast.buyer.username);
      expect(text).not.toContain(cast.buyer.id);
    });
  }

  it("pdf: the manifest is an incremental update that c2pa-rs finds and validates", async () => {
    const classic = await pdfDocument(true);
    const file = await upload(cast.seller.client, classic, "guide-classic.pdf");
    // The classic one is issued directly, outside a delivery: its uploader downloads it.
    const cases = [
      { ...delivered.pdf, client: cast.buyer.client },
      { file, original: classic, receipt: (await issue(file.id)).receipt, client: cast.seller.client },
    ];
    const [key] = await keys();
    for (const { file, original, receipt, client } of cases) {
      const got = await download(server, client, file.url);
      expect(sha256(got.bytes)).toBe(receipt.sha256);
      // The seller's bytes stay as they were, followed by the update.
      expect(got.bytes.length).toBeGreaterThan(original.length);
      expect(sha256(got.bytes.subarray(0, original.length))).toBe(sha256(original));
      const doc = await PDFDocument.load(got.bytes);
      expect(doc.getPageCount()).toBe(1);
      // Listed as the document's one attachment, beside its associated-file entry.
      const attachments = doc.catalog
        .lookup(PDFName.of("Names"), PDFDict)
        .lookup(PDFName.of("EmbeddedFiles"), PDFDict)
        .lookup(PDFName.of("Names"), PDFArray);
      expect(attachments.size()).toBe(2);

      const read = await independentRead(got.bytes, "application/pdf", rootOf(key!.certificateChainPem));
      expect(read.status).toEqual([]);
      expect(read.state).toBe("Trusted");
      expect(read.assertion("stds.schema-org.CreativeWork")).toMatchObject({
        author: [{ name: sellerName, identifier: cast.seller.username }],
        identifier: file.id,
      });
      const digitalArt =
        receipt.aiUse === "none" ? `${IPTC}digitalArt` : `${IPTC}compositeWithTrainedAlgorithmicMedia`;
      expect(read.assertion("c2pa.actions.v2")).toMatchObject({
        actions: [{ action: "c2pa.created", digitalSourceType: digitalArt }],
      });
      expect(got.bytes.toString("latin1")).not.toContain(cast.buyer.username);
    }
  });

  it("a PDF without a cross-reference to update keeps its bytes and gets a receipt", async () => {
    const bare = Buffer.from(
      "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    );
    const file = await upload(cast.seller.client, bare, "bare.pdf");
    const { receipt, c2pa } = await issue(file.id);
    expect(c2pa).toBe(false);
    const got = await download(server, cast.seller.client, file.url);
    expect(sha256(got.bytes)).toBe(sha256(bare));
    expect(receipt.sha256).toBe(sha256(bare));
  });
});

describe("GET /api/files/:id/receipt", () => {
  it("answers the participants and admins with a receipt signed by a listed key", async () => {
    const { file, receipt } = delivered.png;
    for (const party of [cast.buyer, cast.seller, cast.admin]) {
      const res = await party.client.get<ReceiptDto>(`/api/files/${file.id}/receipt`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(receipt);
    }
    expect(receipt).toEqual({
      fileId: file.id,
      sha256: receipt.sha256,
      seller: { username: cast.seller.username },
      orderId: order.id,
      deliveredAt: expect.stringMatching(/Z$/),
      licence: { kind: "commercial", status: "pending" },
      aiUse: "assisted",
      aiTools: ["Midjourney"],
      keyId: expect.stringMatching(/^key_[0-9a-f]{32}$/),
      signature: expect.stringMatching(/^[\w-]+\.\.[\w-]+$/),
    });
    // Check the detached JWS by hand with the published key.
    const key = (await keys()).find((k) => k.keyId === receipt.keyId)!;
    const { signature, ...body } = receipt;
    const [header, , sig] = signature.split(".");
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toMatchObject({
      alg: "ES256",
      kid: key.keyId,
    });
    const input = `${header}.${Buffer.from(canonicalJson(body)).toString("base64url")}`;
    const publicKey = createPublicKey(key.publicKeyPem);
    const opts = { key: publicKey, dsaEncoding: "ieee-p1363" as const };
    expect(nodeVerify("sha256", Buffer.from(input), opts, Buffer.from(sig!, "base64url"))).toBe(true);
    const forged = `${header}.${Buffer.from(canonicalJson({ ...body, orderId: "ord_other" })).toString("base64url")}`;
    expect(nodeVerify("sha256", Buffer.from(forged), opts, Buffer.from(sig!, "base64url"))).toBe(false);
  });

  it("is a 404 for anyone else (401 signed out), and for files without a receipt", async () => {
    const { file } = delivered.png;
    expect((await cast.stranger.client.get(`/api/files/${file.id}/receipt`)).status).toBe(404);
    expect((await server.client().get(`/api/files/${file.id}/receipt`)).status).toBe(401);
    const loose = await upload(cast.seller.client, Buffer.from("just text\n"), "notes.txt");
    expect((await cast.seller.client.get(`/api/files/${loose.id}/receipt`)).status).toBe(404);
  });
});

describe("public verification", () => {
  it("by hash, without signing in: the seller, licence, AI declaration and key, never the buyer", async () => {
    const { receipt } = delivered.jpeg;
    const res = await server
      .client()
      .get<Record<string, unknown>>(`/api/verify/${receipt.sha256.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      verified: true,
      credential: {
        seller: { username: cast.seller.username, displayName: sellerName },
        deliveredAt: receipt.deliveredAt,
        licence: { kind: "commercial", status: "pending" },
        aiUse: "generated",
        aiTools: ["Stable Diffusion"],
        aiTraining: "allowed",
        keyId: receipt.keyId,
        sha256: receipt.sha256,
        c2pa: true,
      },
    });
    const text = JSON.stringify(res.body);
    for (const secret of [cast.buyer.id, cast.buyer.username, cast.buyer.email, order.id]) {
      expect(text).not.toContain(secret);
    }
    const pdf = await server
      .client()
      .get<{ verified: boolean }>(`/api/verify/${delivered.pdf.receipt.sha256}`);
    expect(pdf.body).toMatchObject({
      verified: true,
      credential: { aiUse: "none", aiTraining: "notAllowed", c2pa: true },
    });
  });

  it("by hash: unknown bytes are not verified, a malformed hash is a 400", async () => {
    const res = await server.client().get(`/api/verify/${sha256(Buffer.from("nothing we delivered"))}`);
    expect(res.body).toEqual({ verified: false, reason: "unknown" });
    const bad = await server.client().get<{ code: string }>("/api/verify/not-a-hash");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("validation_failed");
  });

  it("by upload: the delivered bytes verify", async () => {
    for (const kind of ["png", "jpeg", "webp", "pdf"] as const) {
      const got = await download(server, cast.buyer.client, delivered[kind].file.url);
      const res = await verifyUpload(server, got.bytes);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        verified: true,
        credential: { seller: { username: cast.seller.username } },
      });
    }
  });

  it("detects a flipped byte", async () => {
    for (const [kind, format] of [
      ["png", "image/png"],
      ["jpeg", "image/jpeg"],
      ["webp", "image/webp"],
      ["pdf", "application/pdf"],
    ] as const) {
      const got = await download(server, cast.buyer.client, delivered[kind].file.url);
      const flipped = Buffer.from(got.bytes);
      // Content: after the manifest in PNG and JPEG, before it in WebP and PDF (whose manifest comes last).
      const at = kind === "webp" || kind === "pdf" ? 40 : flipped.length - 40;
      flipped[at] = flipped[at]! ^ 0x01;
      expect(await verifyUpload(server, flipped)).toEqual({
        status: 200,
        body: { verified: false, reason: "tampered" },
      });
      expect((await server.client().get(`/api/verify/${sha256(flipped)}`)).body).toEqual({
        verified: false,
        reason: "unknown",
      });
      // The independent reader agrees that the bytes no longer match their manifest.
      expect((await independentRead(flipped, format)).state).toBe("Invalid");
    }
  });

  it("detects a manifest moved to another file", async () => {
    for (const [kind, format] of [
      ["png", "image/png"],
      ["webp", "image/webp"],
    ] as const) {
      const got = await download(server, cast.buyer.client, delivered[kind].file.url);
      const Asset = kind === "png" ? PNG : WebP;
      const manifest = new Asset(got.bytes).getManifestJUMBF()!;
      const other = new Asset(await (kind === "png" ? picture(9).png() : picture(9).webp()).toBuffer());
      await other.ensureManifestSpace(manifest.length);
      await other.writeManifestJUMBF(manifest);
      const moved = Buffer.from(await other.getDataRange());
      expect(await verifyUpload(server, moved)).toEqual({
        status: 200,
        body: { verified: false, reason: "tampered" },
      });
      expect((await independentRead(moved, format)).state).toBe("Invalid");
    }
  });

  it("detects a manifest signed by a key that is not the marketplace's", async () => {
    const stranger = await generateKeyMaterial(new Date(), "Atelier");
    const key = toSigningKey("key_stranger", stranger.privateKeyPem, stranger.chainPem);
    for (const [format, bytes] of [
      ["image/png", await picture(4).png().toBuffer()],
      ["image/jpeg", await picture(5).jpeg().toBuffer()],
      ["image/webp", await picture(6).webp().toBuffer()],
      ["application/pdf", await pdfDocument(true)],
    ] as const) {
      const forged = await embedManifest(
        bytes,
        format,
        {
          fileId: delivered.png.file.id,
          author: { username: cast.seller.username, displayName: sellerName },
          licence: { kind: "full_transfer", url: "http://localhost/licences/full_transfer" },
          aiUse: "none",
          aiTools: [],
          allowAiTraining: true,
        },
        coseSigner(key.privateKey, key.chain),
      );
      // A well-formed, valid manifest — just not ours.
      expect((await independentRead(forged!, format)).state).toBe("Valid");
      expect(await verifyUpload(server, forged!)).toEqual({
        status: 200,
        body: { verified: false, reason: "unknown_key" },
      });
    }
    expect(JPEG.canRead(await picture(5).jpeg().toBuffer())).toBe(true);
  });
});

describe("signing keys", () => {
  it("rotation: a new current key signs, the retired one stays listed and what it signed stays verifiable", async () => {
    const before = await keys();
    expect(before.map((k) => k.status)).toEqual(["current"]);
    const { retired, current } = await credentials.rotateKey(server.deps);
    expect(retired).toBe(before[0]!.keyId);

    const after = await keys();
    expect(after.map((k) => [k.keyId, k.status])).toEqual([
      [retired, "retired"],
      [current, "current"],
    ]);
    expect(after[0]!.retiredAt).not.toBeNull();
    expect(Date.parse(after[1]!.validUntil)).toBeGreaterThan(Date.parse(after[1]!.validFrom));

    // Signed before the rotation: still verified, under the retired key.
    const old = await server.client().get(`/api/verify/${delivered.png.receipt.sha256}`);
    expect(old.body).toMatchObject({ verified: true, credential: { keyId: retired } });
    const oldBytes = await download(server, cast.buyer.client, delivered.png.file.url);
    expect((await verifyUpload(server, oldBytes.bytes)).body).toMatchObject({ verified: true });

    // A new delivery is signed with the new key.
    const file = await upload(cast.seller.client, await picture(7).png().toBuffer(), "v2.png");
    const { receipt } = await issue(file.id);
    expect(receipt.keyId).toBe(current);
    const got = await download(server, cast.seller.client, file.url);
    expect((await verifyUpload(server, got.bytes)).body).toMatchObject({
      verified: true,
      credential: { keyId: current },
    });
    const root = rootOf(after[1]!.certificateChainPem);
    expect((await independentRead(got.bytes, "image/png", root)).state).toBe("Trusted");
  });

  it("re-issuing a receipt (the licence granted) re-signs it; the file keeps verifying", async () => {
    const { file } = delivered.png;
    const { receipt } = await issue(file.id, { licence: { kind: "commercial", status: "granted" } });
    expect(receipt.licence).toEqual({ kind: "commercial", status: "granted" });
    const got = await download(server, cast.buyer.client, file.url);
    expect(sha256(got.bytes)).toBe(receipt.sha256);
    expect((await verifyUpload(server, got.bytes)).body).toMatchObject({
      verified: true,
      credential: { licence: { status: "granted" } },
    });
  });
});
