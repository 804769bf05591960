import { randomBytes } from "node:crypto";
import type { Order, ReceiptDto } from "@atelier/contracts";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sha256, upload } from "../credentials/credentials.helpers";
import { pdfText } from "../documents/pdf-text";
import type { Party } from "./orders.helpers";
import { placeOrder, useOrderScene, type Cast } from "./orders.helpers";

/**
 * Protected deliveries (API.md section 12): with the gig's `protectDeliveries`, the buyer downloads
 * delivered images through the real route as watermarked previews until the order completes, and
 * the delivered bytes (those the receipt names) after; the seller always gets the delivered bytes.
 */
const c: Cast = useOrderScene();

async function fetchFile(p: Party, url: string) {
  const headers: Record<string, string> = {};
  if (p.client.cookies.size > 0)
    headers.cookie = [...p.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(c.server.url + url, { headers });
  return {
    status: res.status,
    preview: res.headers.get("x-atelier-preview"),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

async function picture(format: "png" | "jpeg") {
  const raw = Buffer.alloc(120 * 80 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7 + (i >> 5)) & 0xff;
  const img = sharp(raw, { raw: { width: 120, height: 80, channels: 3 } });
  return format === "png" ? img.png().toBuffer() : img.jpeg().toBuffer();
}

/** A two-page PDF whose pages say what they are. */
async function contract(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2])
    doc.addPage([400, 600]).drawText(`Original contract page ${n}`, { x: 40, y: 500, font });
  return Buffer.from(await doc.save());
}

async function deliveredOrder(protect: boolean, extra: { bytes: Buffer; name: string }[] = []) {
  await c.server.deps.db.query("UPDATE gigs SET protect_deliveries = $2 WHERE id = $1", [c.gigId, protect]);
  const placed = await placeOrder(c.buyer, c.gigId);
  expect(placed.protectDeliveries).toBe(protect);
  await c.buyer.client.post(`/api/orders/${placed.id}/requirements`, {
    answers: [{ requirementId: "req_brand", text: "Acme" }],
  });
  const files = [
    await upload(c.seller.client, await picture("png"), "art.png"),
    await upload(c.seller.client, await picture("jpeg"), "photo.jpg"),
    await upload(c.seller.client, Buffer.from("plain words\n"), "notes.txt"),
  ];
  for (const f of extra) files.push(await upload(c.seller.client, f.bytes, f.name));
  const res = await c.seller.client.post<Order>(`/api/orders/${placed.id}/deliveries`, {
    message: "Here",
    fileIds: files.map((f) => f.id),
    aiUse: "none",
  });
  expect(res.status).toBe(200);
  return { id: placed.id, files };
}

describe("protected deliveries", () => {
  it("give the buyer watermarked previews until completion, then the delivered bytes", async () => {
    const { id, files } = await deliveredOrder(true);
    const [png, jpeg, text] = files;
    for (const f of [png!, jpeg!]) {
      const receipt = (await c.buyer.client.get<ReceiptDto>(`/api/files/${f.id}/receipt`)).body;
      const seller = await fetchFile(c.seller, f.url);
      expect(seller.preview).toBeNull();
      expect(sha256(seller.bytes)).toBe(receipt.sha256);

      const before = await fetchFile(c.buyer, f.url);
      expect(before.status).toBe(200);
      expect(before.preview).toBe("watermarked");
      expect(sha256(before.bytes)).not.toBe(receipt.sha256);
      // Still a picture of the same size, but not the same pixels.
      const [a, b] = await Promise.all([sharp(before.bytes).metadata(), sharp(seller.bytes).metadata()]);
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      const [pa, pb] = await Promise.all([
        sharp(before.bytes).raw().toBuffer(),
        sharp(seller.bytes).raw().toBuffer(),
      ]);
      expect(sha256(pa)).not.toBe(sha256(pb));
      // Its small copies are held back too.
      expect((await fetchFile(c.buyer, `/api/files/${f.id}/variants/thumb`)).status).toBe(404);
    }
    // Files that are not images or PDFs are delivered as they are.
    const notes = await fetchFile(c.buyer, text!.url);
    expect(notes.preview).toBeNull();
    expect(notes.bytes.toString()).toBe("plain words\n");

    expect((await c.buyer.client.post(`/api/orders/${id}/accept`)).status).toBe(200);
    for (const f of [png!, jpeg!]) {
      const receipt = (await c.buyer.client.get<ReceiptDto>(`/api/files/${f.id}/receipt`)).body;
      const after = await fetchFile(c.buyer, f.url);
      expect(after.preview).toBeNull();
      expect(sha256(after.bytes)).toBe(receipt.sha256);
    }
  });

  it("stamp every page of a PDF until completion, then give the buyer the original bytes", async () => {
    const original = await contract();
    // Damaged past reading: its preview must still not be the delivered bytes.
    const broken = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(2048), Buffer.from("\n%%EOF\n")]);
    const { id, files } = await deliveredOrder(true, [
      { bytes: original, name: "contract.pdf" },
      { bytes: broken, name: "broken.pdf" },
    ]);
    const [pdf, damaged] = files.slice(3);
    // The delivered PDF is the seller's bytes with the C2PA manifest appended as an incremental
    // update: the original is its prefix, and the receipt names the delivered bytes.
    const receipt = (await c.buyer.client.get<ReceiptDto>(`/api/files/${pdf!.id}/receipt`)).body;
    const delivered = (await fetchFile(c.seller, pdf!.url)).bytes;
    expect(delivered.subarray(0, original.length).equals(original)).toBe(true);
    expect(sha256(delivered)).toBe(receipt.sha256);

    const before = await fetchFile(c.buyer, pdf!.url);
    expect(before.status).toBe(200);
    expect(before.preview).toBe("watermarked");
    expect(before.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(sha256(before.bytes)).not.toBe(sha256(original));
    expect(sha256(before.bytes)).not.toBe(receipt.sha256);
    const gig = (await c.buyer.client.get<Order>(`/api/orders/${id}`)).body;
    const { pages } = await pdfText(before.bytes);
    expect(pages).toHaveLength(2);
    pages.forEach((page, i) => {
      expect(page).toContain(`Original contract page ${i + 1}`);
      expect(page).toContain("PREVIEW");
      expect(page).toContain(`${gig.gig.title} by ${gig.seller.displayName}`);
    });
    const unreadable = await fetchFile(c.buyer, damaged!.url);
    expect(unreadable.preview).toBe("watermarked");
    expect(sha256(unreadable.bytes)).not.toBe(sha256(broken));
    expect((await pdfText(unreadable.bytes)).text).toContain("This PDF cannot be shown as a preview.");

    expect((await c.buyer.client.post(`/api/orders/${id}/accept`)).status).toBe(200);
    const after = await fetchFile(c.buyer, pdf!.url);
    expect(after.preview).toBeNull();
    expect(sha256(after.bytes)).toBe(receipt.sha256);
    expect(sha256((await fetchFile(c.buyer, damaged!.url)).bytes)).toBe(sha256(broken));
  });

  it("are not previews when the gig does not protect its deliveries", async () => {
    const { files } = await deliveredOrder(false);
    const receipt = (await c.buyer.client.get<ReceiptDto>(`/api/files/${files[0]!.id}/receipt`)).body;
    const got = await fetchFile(c.buyer, files[0]!.url);
    expect(got.preview).toBeNull();
    expect(sha256(got.bytes)).toBe(receipt.sha256);
  });

  it("stay hidden from strangers (404)", async () => {
    const { files } = await deliveredOrder(true);
    expect((await fetchFile(c.stranger, files[0]!.url)).status).toBe(404);
  });
});
