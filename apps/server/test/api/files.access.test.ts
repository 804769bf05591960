import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOwnedFiles, linkFiles, unlinkFiles } from "../../src/modules/files/files.links";
import type { ApiClient } from "../client";
import { createActiveGig } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";
import { download, form, noise, sha256, type Upload } from "./files.helpers";

// Reading stored files and who may: moved from files.test.ts, which keeps the uploads.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("GET /api/files/:id", () => {
  let owner: ApiClient;
  let stranger: ApiClient;
  let png: Buffer;
  let image: { id: string; sha256: string; url: string };
  let text: { id: string; url: string };

  beforeAll(async () => {
    owner = server.client();
    await owner.signup();
    stranger = server.client();
    await stranger.signup();
    png = await noise(500, 400).png().toBuffer();
    image = (await owner.post<Upload>("/api/files", form(png, "portfolio.png"))).body;
    text = (await owner.post<Upload>("/api/files", form(Buffer.from("private notes"), "notes.txt"))).body;
  });

  it("gives the uploader the identical bytes as a private attachment", async () => {
    const got = await download(server, owner, image.url);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(png)).toBe(true);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.headers.get("content-length")).toBe(String(png.length));
    expect(got.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''portfolio.png");
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("cache-control")).toBe("private, no-store");
    expect(got.headers.get("etag")).toBe(`"${image.sha256}"`);
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await fetch(server.url + image.url, {
      method: "HEAD",
      headers: { cookie: [...owner.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(png.length));
    expect(res.headers.get("etag")).toBe(`"${image.sha256}"`);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers 304 when the ETag still matches", async () => {
    const got = await download(server, owner, image.url, { "if-none-match": `"${image.sha256}"` });
    expect(got.status).toBe(304);
    expect(got.bytes.length).toBe(0);
  });

  it("gives the facts as JSON", async () => {
    const res = await owner.get(`/api/files/${image.id}/meta`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: image.id,
      name: "portfolio.png",
      contentType: "image/png",
      width: 500,
      height: 400,
      size: png.length,
    });
    expect(res.body.variants).toHaveLength(2);
  });

  it("answers 404 to other users and anonymous visitors, for bytes, facts and variants alike", async () => {
    const anonymous = server.client();
    for (const client of [stranger, anonymous]) {
      for (const url of [image.url, `${image.url}/meta`, `${image.url}/variants/thumb`, text.url]) {
        const res = await client.get(url);
        expect(res.status, url).toBe(404);
        expect(res.body.code).toBe("not_found");
      }
    }
    expect((await stranger.get("/api/files/fil_doesnotexist")).status).toBe(404);
  });

  it("answers 404 for a variant of a file that has none, and 400 for an unknown variant", async () => {
    expect((await owner.get(`${text.url}/variants/thumb`)).status).toBe(404);
    expect((await owner.get(`${image.url}/variants/huge`)).status).toBe(400);
  });

  it("lets admins read any file", async () => {
    const admin = server.client();
    const user = await admin.signup();
    expect((await admin.post("/api/test/admins", { email: user.email })).status).toBe(204);
    const got = await download(server, admin, text.url);
    expect(got.status).toBe(200);
    expect(got.bytes.toString()).toBe("private notes");
  });
});

// Access through the modules' real rules and routes: a gig's gallery here, an order's files in
// test/orders/orders.files.test.ts, a message's attachments in test/messaging/conversations.test.ts.
describe("access rules and links", () => {
  it("serves an image of an active gig's gallery inline to anyone, and hides it again when paused", async () => {
    const seller = server.client();
    await seller.signupSeller();
    const gig = await createActiveGig(seller);
    const png = await noise(320, 240).png().toBuffer();
    const file = (await seller.post<Upload>("/api/files", form(png, "cover.png"))).body;

    const anonymous = server.client();
    expect((await download(server, anonymous, file.url)).status).toBe(404);

    expect((await seller.put(`/api/gigs/${gig.id}/images`, { fileIds: [file.id] })).status).toBe(200);
    for (const url of [file.url, `${file.url}/variants/card`]) {
      const got = await download(server, anonymous, url);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-disposition")).toMatch(/^inline; filename\*=UTF-8''cover/);
      expect(got.headers.get("cache-control")).toBe("public, max-age=3600");
      expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect((await download(server, anonymous, file.url)).bytes.equals(png)).toBe(true);
    // The owner sees the same public response: a shared cache may hold it.
    expect((await download(server, seller, file.url)).headers.get("content-disposition")).toMatch(/^inline;/);

    expect((await seller.post(`/api/gigs/${gig.id}/pause`)).status).toBe(200);
    expect((await download(server, anonymous, file.url)).status).toBe(404);
    const own = await download(server, seller, file.url);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(own.headers.get("cache-control")).toBe("private, no-store");
  });

  it("serves a non-image linked to an active gig as a private attachment", async () => {
    // The gallery route takes images only; linked by hand, the gig's real rule still admits
    // anyone, but only images are ever served inline and cacheable.
    const seller = server.client();
    await seller.signupSeller();
    const gig = await createActiveGig(seller);
    const file = (
      await seller.post<Upload>("/api/files", form(Buffer.from("%PDF-1.4\n%%EOF\n"), "price-list.pdf"))
    ).body;
    await linkFiles(server.deps.db, [file.id], { type: "gig", id: gig.id }, new Date());
    const got = await download(server, server.client(), file.url);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(got.headers.get("cache-control")).toBe("private, no-store");
  });

  it("findOwnedFiles returns only the owner's files; unlinkFiles keeps what it is told to", async () => {
    const a = server.client();
    const userA = await a.signup();
    const b = server.client();
    await b.signup();
    const png = await noise(50, 40).png().toBuffer();
    const a1 = (await a.post<Upload>("/api/files", form(png, "one.png"))).body;
    const a2 = (await a.post<Upload>("/api/files", form(Buffer.from("two"), "two.txt"))).body;
    const b1 = (await b.post<Upload>("/api/files", form(Buffer.from("three"), "three.txt"))).body;

    const owned = await findOwnedFiles(server.deps.db, userA.id, [a1.id, a2.id, b1.id, "fil_nope"]);
    expect(owned.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      {
        id: a1.id,
        name: "one.png",
        size: png.length,
        contentType: "image/png",
        sha256: sha256(png),
        width: 50,
        height: 40,
      },
      {
        id: a2.id,
        name: "two.txt",
        size: 3,
        contentType: "text/plain",
        sha256: a2.sha256,
        width: null,
        height: null,
      },
    ]);
    expect(await findOwnedFiles(server.deps.db, userA.id, [])).toEqual([]);

    const subject = { type: "order", id: "ord_keep" };
    await server.deps.db.transaction(async (tx) => {
      await linkFiles(tx, [a1.id, a2.id], subject, new Date());
      await unlinkFiles(tx, subject, [a2.id]);
    });
    const links = await server.deps.db.query<{ file_id: string }>(
      "SELECT file_id FROM file_links WHERE subject_type = $1 AND subject_id = $2",
      [subject.type, subject.id],
    );
    expect(links).toEqual([{ file_id: a2.id }]);
  });
});
