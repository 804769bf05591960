import type { Gig, GigCard } from "@atelier/contracts";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../client";
import { adminClient, createActiveGig, createGig } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";

/** Large enough for real photos in tests, small enough to test the limit with a noisy image. */
const MAX_IMAGE_BYTES = 200 * 1024;

let server: TestServer;
let seller: ApiClient;
let other: ApiClient;

beforeAll(async () => {
  server = await startTestServer((config) => {
    config.catalog.maxImageBytes = MAX_IMAGE_BYTES;
  });
  seller = server.client();
  await seller.signupSeller();
  other = server.client();
  await other.signupSeller();
});
afterAll(() => server.close());

async function png(color: { r: number; g: number; b: number }, size = 64): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: color } })
    .png()
    .toBuffer();
}

/** A PNG of random pixels: it does not compress, so it is about width × height × 3 bytes. */
async function noisyPng(side: number): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
}

async function upload(client: ApiClient, bytes: Buffer, name: string, type: string): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await client.post("/api/files", form);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const uploadPng = async (client: ApiClient, shade: number) =>
  upload(client, await png({ r: shade, g: 100, b: 200 }), `image-${shade}.png`, "image/png");

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);

describe("PUT /api/gigs/:id/images", () => {
  it("sets the gallery in the order given, the first image being the cover", async () => {
    const gig = await createActiveGig(seller);
    const [a, b, c] = [await uploadPng(seller, 10), await uploadPng(seller, 20), await uploadPng(seller, 30)];

    const res = await seller.put<Gig>(`/api/gigs/${gig.id}/images`, { fileIds: [b, a, c] });
    expect(res.status).toBe(200);
    expect(res.body.images.map((i) => i.fileId)).toEqual([b, a, c]);
    expect(res.body.images[0]).toEqual({
      fileId: b,
      url: `/api/files/${b}`,
      thumbUrl: `/api/files/${b}/variants/thumb`,
    });
    expect(res.body.coverImageUrl).toBe(`/api/files/${b}`);

    const reordered = await seller.put<Gig>(`/api/gigs/${gig.id}/images`, { fileIds: [c, b] });
    expect(reordered.body.images.map((i) => i.fileId)).toEqual([c, b]);
    const seen = await server.client().get<Gig>(`/api/gigs/${gig.id}`);
    expect(seen.body.images.map((i) => i.fileId)).toEqual([c, b]);

    const user = (await seller.get("/api/me")).body;
    const cards = await server.client().get<{ data: GigCard[] }>(`/api/users/${user.username}/gigs`);
    const card = cards.body.data.find((g) => g.id === gig.id);
    expect(card?.coverImageUrl).toBe(`/api/files/${c}/variants/card`);

    const cleared = await seller.put(`/api/gigs/${gig.id}/images`, { fileIds: [] });
    expect(cleared.status).toBe(200);
    expect(cleared.body.images).toEqual([]);
    expect(cleared.body.coverImageUrl).toBeNull();
  });

  it("lets anyone read the images of an active gig, and only the owner and admins those of a draft", async () => {
    const draft = await createGig(seller);
    const active = await createActiveGig(seller);
    const draftImage = await uploadPng(seller, 40);
    const activeImage = await uploadPng(seller, 50);
    await seller.put(`/api/gigs/${draft.id}/images`, { fileIds: [draftImage] });
    await seller.put(`/api/gigs/${active.id}/images`, { fileIds: [activeImage] });

    const anonymous = server.client();
    expect((await anonymous.get(`/api/files/${activeImage}`)).status).toBe(200);
    expect((await anonymous.get(`/api/files/${draftImage}`)).status).toBe(404);
    expect((await other.get(`/api/files/${draftImage}`)).status).toBe(404);
    const admin = await adminClient(() => server.client(), server.client());
    expect((await admin.get(`/api/files/${draftImage}`)).status).toBe(200);

    await seller.post(`/api/gigs/${active.id}/pause`);
    expect((await anonymous.get(`/api/files/${activeImage}`)).status).toBe(404);
  });

  it("serves a public gig image without its camera, GPS or author metadata, and a private file as uploaded", async () => {
    const secret = "SerialCam-0042";
    const photo = await sharp({
      create: { width: 40, height: 30, channels: 3, background: { r: 9, g: 9, b: 9 } },
    })
      .withExif({ IFD0: { Make: secret, Artist: secret }, IFD3: { GPSLatitudeRef: "N" } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect(photo.includes(secret)).toBe(true);
    const draft = await createGig(seller);
    const active = await createActiveGig(seller);
    const [draftImage, activeImage] = [
      await upload(seller, photo, "draft.jpg", "image/jpeg"),
      await upload(seller, photo, "holiday.jpg", "image/jpeg"),
    ];
    await seller.put(`/api/gigs/${draft.id}/images`, { fileIds: [draftImage] });
    await seller.put(`/api/gigs/${active.id}/images`, { fileIds: [activeImage] });

    const res = await fetch(`${server.url}/api/files/${activeImage}`);
    const served = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(served.includes(secret)).toBe(false);
    expect(Number(res.headers.get("content-length"))).toBe(served.length);
    const meta = await sharp(served).metadata();
    expect([meta.format, meta.width, meta.height, meta.orientation]).toEqual(["jpeg", 40, 30, 6]);
    // Revalidation works on the public rendition's own tag.
    const again = await fetch(`${server.url}/api/files/${activeImage}`, {
      headers: { "if-none-match": res.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);

    // Not public (a draft's image): only its owner reads it, byte for byte as uploaded.
    const cookie = [...seller.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const own = await fetch(`${server.url}/api/files/${draftImage}`, { headers: { cookie } });
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer()).equals(photo)).toBe(true);
  });

  it("rejects files of other users, unknown ids, non-images, oversized images and repeats, by position", async () => {
    const gig = await createGig(seller);
    const mine = await uploadPng(seller, 60);
    const theirs = await uploadPng(other, 70);
    const text = await upload(seller, Buffer.from("just some notes"), "notes.txt", "text/plain");
    const huge = await upload(seller, await noisyPng(300), "huge.png", "image/png");

    const cases: [string[], string, RegExp][] = [
      [[mine, theirs], "fileIds.1", /not a file you uploaded/],
      [["fil_doesnotexist"], "fileIds.0", /not a file you uploaded/],
      [[text, mine], "fileIds.0", /JPEG, PNG or WebP/],
      [[mine, huge], "fileIds.1", /at most/],
      [[mine, mine], "fileIds.1", /twice/],
    ];
    for (const [fileIds, path, message] of cases) {
      const res = await seller.put(`/api/gigs/${gig.id}/images`, { fileIds });
      expect(res.status, JSON.stringify(fileIds)).toBe(400);
      expect(res.body.code).toBe("validation_failed");
      expect(res.body.errors).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
    expect((await seller.get(`/api/gigs/${gig.id}`)).body.images).toEqual([]);
  });

  it("accepts at most five images", async () => {
    const gig = await createGig(seller);
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await uploadPng(seller, 80 + i));
    const five = await seller.put(`/api/gigs/${gig.id}/images`, { fileIds: ids.slice(0, 5) });
    expect(five.status).toBe(200);
    expect(five.body.images).toHaveLength(5);
    const six = await seller.put(`/api/gigs/${gig.id}/images`, { fileIds: ids });
    expect(six.status).toBe(400);
    expect(paths(six)).toContain("fileIds");
  });

  it("is for the owner only", async () => {
    const gig = await createActiveGig(seller);
    const image = await uploadPng(other, 90);
    expect((await other.put(`/api/gigs/${gig.id}/images`, { fileIds: [image] })).status).toBe(404);
    expect((await server.client().put(`/api/gigs/${gig.id}/images`, { fileIds: [] })).status).toBe(401);
    expect((await seller.put(`/api/gigs/${gig.id}/images`, { fileIds: [], extra: 1 })).status).toBe(400);
  });
});
