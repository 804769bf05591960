import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { blobsIn, download, form, noise, sha256, type Upload } from "./files.helpers";

// Uploads (POST /api/files); reading files and who may is in files.access.test.ts.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function fileRows(ownerId: string) {
  return server.deps.db.query<{ id: string }>("SELECT id FROM files WHERE owner_id = $1", [ownerId]);
}

describe("POST /api/files", () => {
  it("stores a PNG: facts from the bytes, SHA-256 of what was sent, WebP variants of the right size", async () => {
    const client = server.client();
    await client.signup();
    const png = await noise(640, 480).png().toBuffer();

    const res = await client.post<Upload>("/api/files", form(png, "Gallery shot.png", "image/png"));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^fil_/),
      name: "Gallery shot.png",
      size: png.length,
      contentType: "image/png",
      sha256: sha256(png),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      url: `/api/files/${res.body.id}`,
      width: 640,
      height: 480,
      variants: [
        {
          variant: "thumb",
          url: `/api/files/${res.body.id}/variants/thumb`,
          contentType: "image/webp",
          width: 400,
          height: 300,
          size: expect.any(Number),
        },
        {
          variant: "card",
          url: `/api/files/${res.body.id}/variants/card`,
          contentType: "image/webp",
          width: 800,
          height: 600,
          size: expect.any(Number),
        },
      ],
    });

    for (const { variant, width, height } of [
      { variant: "thumb", width: 400, height: 300 },
      { variant: "card", width: 800, height: 600 },
    ]) {
      const got = await download(server, client, `/api/files/${res.body.id}/variants/${variant}`);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("image/webp");
      expect(got.headers.get("content-disposition")).toBe(
        `attachment; filename*=UTF-8''Gallery%20shot-${variant}.webp`,
      );
      const meta = await sharp(got.bytes).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
        format: "webp",
        width,
        height,
      });
    }
  });

  it("judges a JPEG by its bytes, turns it upright and strips its metadata from the variants", async () => {
    const client = server.client();
    await client.signup();
    // Stored 300×200 with EXIF orientation 6: it displays as 200×300.
    const jpeg = await noise(300, 200)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: "Atelier Test Camera", Copyright: "someone" } })
      .toBuffer();
    expect(await sharp(jpeg).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });
    expect(jpeg.includes(Buffer.from("Atelier Test Camera"))).toBe(true);

    const res = await client.post<Upload>(
      "/api/files",
      form(jpeg, "camera-upload", "application/octet-stream"),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "camera-upload.jpg",
      contentType: "image/jpeg",
      width: 200,
      height: 300,
    });
    expect(res.body.sha256).toBe(sha256(jpeg));

    const thumb = await download(server, client, `/api/files/${res.body.id}/variants/thumb`);
    const meta = await sharp(thumb.bytes).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 400, height: 300 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(thumb.bytes.includes(Buffer.from("Atelier Test Camera"))).toBe(false);

    // The original is kept exactly as sent: its digest is what receipts vouch for.
    const original = await download(server, client, `/api/files/${res.body.id}`);
    expect(original.bytes.equals(jpeg)).toBe(true);
  });

  it("stores a WebP with its variants", async () => {
    const client = server.client();
    await client.signup();
    const webp = await noise(1000, 1000).webp().toBuffer();
    const res = await client.post<Upload>("/api/files", form(webp, "square.webp", "image/webp"));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      contentType: "image/webp",
      width: 1000,
      height: 1000,
      sha256: sha256(webp),
    });
    expect(res.body.variants.map((v) => v.variant)).toEqual(["thumb", "card"]);
  });

  it("accepts UTF-8 text, and the name's extension picks markdown or CSV", async () => {
    const client = server.client();
    await client.signup();
    const text = Buffer.from("# Brief\n\nA logo for a café — “warm”, not loud. 🎨\n", "utf8");
    const res = await client.post<Upload>("/api/files", form(text, "brief.md", "application/x-whatever"));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "brief.md",
      contentType: "text/markdown",
      size: text.length,
      sha256: sha256(text),
      width: null,
      height: null,
      variants: [],
    });
    const csv = await client.post<Upload>("/api/files", form(Buffer.from("a,b\n1,2\n"), "table.csv"));
    expect(csv.body.contentType).toBe("text/csv");
    const got = await download(server, client, res.body.url);
    expect(got.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(got.bytes.equals(text)).toBe(true);
  });

  it("serves HTML and SVG uploads as plain text with a .txt name", async () => {
    const client = server.client();
    await client.signup();
    const html = Buffer.from("<html><script>alert(document.cookie)</script></html>");
    const res = await client.post<Upload>("/api/files", form(html, "page.html", "text/html"));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "page.html.txt", contentType: "text/plain" });
    const got = await download(server, client, res.body.url);
    expect(got.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(got.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it.each([
    ["PDF", Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"), "scan.pdf", "application/pdf"],
    [
      "a Word document (a ZIP)",
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), randomBytes(64)]),
      "brief.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    [
      "ZIP",
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]),
      "assets.zip",
      "application/zip",
    ],
    [
      "GIF",
      Buffer.concat([Buffer.from("GIF89a"), Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x3b])]),
      "a.gif",
      "image/gif",
    ],
    [
      "MP3",
      Buffer.concat([Buffer.from("ID3"), Buffer.from([4, 0, 0, 0, 0, 0, 0]), randomBytes(64)]),
      "jingle.mp3",
      "audio/mpeg",
    ],
    [
      "WAV",
      Buffer.concat([
        Buffer.from("RIFF"),
        Buffer.from([36, 0, 0, 0]),
        Buffer.from("WAVEfmt "),
        randomBytes(32),
      ]),
      "voice.wav",
      "audio/wav",
    ],
    [
      "MP4",
      Buffer.concat([
        Buffer.from([0, 0, 0, 0x18]),
        Buffer.from("ftypmp42"),
        Buffer.alloc(12),
        randomBytes(64),
      ]),
      "promo.mp4",
      "video/mp4",
    ],
  ])("accepts %s", async (_what, data, name, contentType) => {
    const client = server.client();
    await client.signup();
    const res = await client.post<Upload>("/api/files", form(data, name));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name,
      contentType,
      size: data.length,
      sha256: sha256(data),
      variants: [],
    });
  });

  it.each([
    [
      "a Windows executable named photo.png",
      Buffer.concat([Buffer.from("MZ"), Buffer.from([0x90, 0, 3, 0]), randomBytes(500)]),
    ],
    ["random bytes named photo.png", randomBytes(4096)],
    ["text with a NUL byte", Buffer.from("looks like text\0but is not really text at all")],
    ["Latin-1 text", Buffer.from("caf\xe9 cr\xe8me br\xfbl\xe9e, not UTF-8", "latin1")],
  ])("refuses %s with 415 and keeps nothing", async (_what, data) => {
    const client = server.client();
    const user = await client.signup();
    const res = await client.post<Upload>("/api/files", form(data, "photo.png", "image/png"));
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.code).toBe("unsupported_media_type");
    expect(await fileRows(user.id)).toEqual([]);
    expect((await blobsIn(server)).temporary).toEqual([]);
  });

  it("refuses an image that claims a format by its first bytes but cannot be decoded", async () => {
    const client = server.client();
    const user = await client.signup();
    const before = await blobsIn(server);
    const fake = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(2000),
    ]);
    const res = await client.post<Upload>("/api/files", form(fake, "broken.png"));
    expect(res.status).toBe(415);
    expect(res.body.code).toBe("unsupported_media_type");
    expect(await fileRows(user.id)).toEqual([]);
    expect(await blobsIn(server)).toEqual(before);
  });

  it("takes a file bigger than the 1 MiB JSON limit", async () => {
    const client = server.client();
    await client.signup();
    const big = Buffer.alloc(2 * 1024 * 1024 + 17, "lorem ipsum dolor sit amet\n");
    const res = await client.post<Upload>("/api/files", form(big, "big.txt"));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ size: big.length, sha256: sha256(big) });
  });

  it("refuses an empty file, a missing file field and extra fields with 400", async () => {
    const client = server.client();
    await client.signup();
    const empty = await client.post<Upload>("/api/files", form(Buffer.alloc(0), "empty.txt"));
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: "file", message: "is empty" }]);

    const wrongField = await client.post<Upload>(
      "/api/files",
      form(Buffer.from("hello"), "a.txt", "text/plain", "upload"),
    );
    expect(wrongField.status).toBe(400);
    expect(wrongField.body).toMatchObject({
      code: "validation_failed",
      errors: [{ path: "upload", message: "unknown field" }],
    });

    const extra = new FormData();
    extra.append("note", "hi");
    extra.append("file", new Blob([Buffer.from("hello")]), "a.txt");
    const withExtra = await client.post<Upload>("/api/files", extra);
    expect(withExtra.status).toBe(400);
    expect(withExtra.body.errors).toEqual([{ path: "note", message: "unknown field" }]);

    const noFile = new FormData();
    noFile.append("title", "no file here");
    const none = await client.post<Upload>("/api/files", noFile);
    expect(none.status).toBe(400);
  });

  it("answers 415 to a body that is not multipart", async () => {
    const client = server.client();
    await client.signup();
    const res = await client.post<Upload>("/api/files", { file: "aGVsbG8=" });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe("unsupported_media_type");
  });

  it("sanitises the file name", async () => {
    const client = server.client();
    await client.signup();
    const res = await client.post<Upload>(
      "/api/files",
      form(Buffer.from("x"), "..\\..\\secret\u202Etxt.exe\u0007 résumé.txt"),
    );
    expect(res.status).toBe(201);
    expect(res.body.name).toBe("secrettxt.exe résumé.txt");
    const got = await download(server, client, res.body.url);
    expect(got.headers.get("content-disposition")).toBe(
      "attachment; filename*=UTF-8''secrettxt.exe%20r%C3%A9sum%C3%A9.txt",
    );
  });

  it("requires sign-in", async () => {
    const res = await server.client().post("/api/files", form(Buffer.from("hello"), "a.txt"));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("unauthenticated");
  });

  it("enforces CSRF on cookie-authenticated uploads, and takes bearer tokens without it", async () => {
    const client = server.client();
    const user = await client.signup();
    client.csrf = false;
    const refused = await client.post<Upload>("/api/files", form(Buffer.from("hello"), "a.txt"));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("csrf_failed");
    expect(await fileRows(user.id)).toEqual([]);

    client.csrf = true;
    const token = await client.post("/api/auth/tokens", { name: "uploader script" });
    const script = server.client();
    script.bearer = token.body.token;
    const res = await script.post<Upload>("/api/files", form(Buffer.from("hello"), "a.txt"));
    expect(res.status).toBe(201);
  });
});

describe("OpenAPI", () => {
  it("documents the file endpoints, the upload as multipart", async () => {
    const spec = await server
      .client()
      .get<{ paths: Record<string, { post?: { operationId: string } }> }>("/api/openapi.json");
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/files",
        "/api/files/{id}",
        "/api/files/{id}/meta",
        "/api/files/{id}/variants/{variant}",
      ]),
    );
    expect(spec.body.paths["/api/files"]?.post?.operationId).toBe("uploadFile");
  });
});

describe("POST /api/files with a small limit", () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer((config) => {
      config.files.maxBytes = 1024;
    });
  });
  afterAll(() => small.close());

  it("answers 413 above the limit and stores nothing; exactly the limit is fine", async () => {
    const client = small.client();
    const user = await client.signup();
    for (const size of [1025, 5000, 300_000]) {
      const res = await client.post<Upload>("/api/files", form(Buffer.alloc(size, "a"), "too-big.txt"));
      expect(res.status).toBe(413);
      expect(res.body.code).toBe("payload_too_large");
    }
    const rows = await small.deps.db.query("SELECT id FROM files WHERE owner_id = $1", [user.id]);
    expect(rows).toEqual([]);
    expect(await blobsIn(small)).toEqual({ blobs: [], temporary: [] });

    const ok = await client.post<Upload>("/api/files", form(Buffer.alloc(1024, "a"), "just-right.txt"));
    expect(ok.status).toBe(201);
    expect((await blobsIn(small)).blobs).toHaveLength(1);
  });
});
