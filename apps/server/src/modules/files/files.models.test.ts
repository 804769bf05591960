import { createHash, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contentDisposition,
  ifNoneMatchHits,
  resolveTypeAndName,
  sanitizeFileName,
  sniffBinaryFamily,
  storageKeyFor,
  UploadInspector,
  variantFileName,
} from "./files.models";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

function inspect(chunks: Uint8Array[], maxBytes = 1024 * 1024) {
  const inspector = new UploadInspector(maxBytes);
  const kept = chunks.map((c) => inspector.update(c));
  return { verdict: inspector.finish(), kept };
}

/** Splits `data` into chunks of random sizes, as a network would. */
function chunked(data: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= data.length) break;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  if (at < data.length) out.push(data.subarray(at));
  return out;
}

describe("sniffBinaryFamily", () => {
  it.each([
    ["jpeg", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF\0")],
    ["png", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR")],
    ["webp", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ")],
    ["wav", bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt ")],
    ["gif", bytes("GIF89a", [1, 0, 1, 0])],
    ["gif", bytes("GIF87a", [1, 0, 1, 0])],
    ["pdf", bytes("%PDF-1.7\n%\xe2\xe3")],
    ["zip", bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])],
    ["zip", bytes([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0])],
    ["mp3", bytes("ID3", [4, 0, 0, 0, 0, 0, 0])],
    ["mp3", bytes([0xff, 0xfb, 0x90, 0x64, 0, 0])],
    ["mp4", bytes([0, 0, 0, 0x20], "ftypisom", [0, 0, 2, 0])],
    ["mp4", bytes([0, 0, 0, 0x18], "ftypmp42", [0, 0, 0, 0])],
    ["m4a", bytes([0, 0, 0, 0x20], "ftypM4A ", [0, 0, 0, 0])],
  ])("recognises %s", (family, head) => {
    expect(sniffBinaryFamily(head)).toBe(family);
  });

  it.each([
    ["a Windows executable", bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0])],
    ["an ELF binary", bytes([0x7f], "ELF", [2, 1, 1, 0])],
    ["HEIC (ftyp with an image brand)", bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0])],
    ["AVI (RIFF of another kind)", bytes("RIFF", [0x24, 0, 0, 0], "AVI LIST")],
    ["an MPEG frame of a layer other than III", bytes([0xff, 0xfd, 0x90, 0x64])],
    ["a truncated PNG signature", bytes([0x89, 0x50, 0x4e])],
  ])("does not recognise %s", (_what, head) => {
    expect(sniffBinaryFamily(head)).toBeUndefined();
  });
});

describe("UploadInspector", () => {
  it("hashes and measures the upload however it is chunked", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }),
        (raw, sizes) => {
          // A PNG signature in front makes any payload a binary file with a known type.
          const data = Buffer.concat([bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), raw]);
          const { verdict } = inspect(chunked(data, sizes));
          expect(verdict).toEqual({
            ok: true,
            family: "png",
            size: data.length,
            sha256: createHash("sha256").update(data).digest("hex"),
          });
        },
      ),
    );
  });

  it("accepts UTF-8 text, even when a multi-byte character is split between chunks", () => {
    const data = Buffer.from("Prices: 5 €, 10 £ — naïve café 日本語 🎨\n".repeat(3), "utf8");
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 60 }), (sizes) => {
        const { verdict } = inspect(chunked(data, sizes));
        expect(verdict).toMatchObject({ ok: true, family: "text", size: data.length });
      }),
    );
  });

  it("accepts short text that is shorter than the sniffing window", () => {
    expect(inspect([Buffer.from("hi")]).verdict).toMatchObject({ ok: true, family: "text", size: 2 });
  });

  it("refuses text with a NUL byte or invalid UTF-8, and stops keeping chunks once it knows", () => {
    expect(inspect([Buffer.from("hello\0world, this is long enough")]).verdict).toEqual({
      ok: false,
      reason: "unsupported",
    });
    const latin1 = Buffer.from("caf\xe9 and more text to pass the window", "latin1");
    const { verdict, kept } = inspect([latin1, Buffer.from("more")]);
    expect(verdict).toEqual({ ok: false, reason: "unsupported" });
    expect(kept).toEqual([false, false]);
  });

  it("refuses text that ends in the middle of a multi-byte character", () => {
    const data = Buffer.from("ends with a euro sign €", "utf8");
    expect(inspect([data.subarray(0, data.length - 1)]).verdict).toEqual({
      ok: false,
      reason: "unsupported",
    });
  });

  it("refuses random bytes and executables", () => {
    expect(inspect([randomBytes(4096)]).verdict).toEqual({ ok: false, reason: "unsupported" });
    expect(inspect([bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0])]).verdict).toEqual({
      ok: false,
      reason: "unsupported",
    });
  });

  it("accepts exactly the limit and refuses one byte more", () => {
    expect(inspect([Buffer.alloc(100, "a")], 100).verdict).toMatchObject({ ok: true, size: 100 });
    const { verdict, kept } = inspect(
      [Buffer.alloc(60, "a"), Buffer.alloc(41, "a"), Buffer.alloc(10, "a")],
      100,
    );
    expect(verdict).toEqual({ ok: false, reason: "too_large" });
    expect(kept).toEqual([true, false, false]);
  });

  it("calls an empty upload empty", () => {
    expect(inspect([]).verdict).toEqual({ ok: false, reason: "empty" });
  });
});

describe("sanitizeFileName", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\ana\\Desktop\\logo.png", "logo.png"],
    ["bad\u0000name\r\n.txt", "badname .txt"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ['what?: "quoted" <tag>|*.txt', "what__ _quoted_ _tag___.txt"],
    ["  lots   of\tspace .md ", "lots of space .md"],
    ["", "file"],
    ["..", "file"],
    ["/", "file"],
    ["e\u0301te\u0301.txt", "\u00e9t\u00e9.txt"],
  ])("%j → %j", (raw, clean) => {
    expect(sanitizeFileName(raw)).toBe(clean);
  });

  it("never returns separators, control characters or more than 200 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (raw) => {
        const name = sanitizeFileName(raw);
        expect(name.length).toBeGreaterThan(0);
        expect(Array.from(name).length).toBeLessThanOrEqual(200);
        expect(name).not.toMatch(/[/\\\p{Cc}\p{Cf}]/u);
      }),
    );
  });

  it("keeps the extension when it shortens a long name", () => {
    const name = sanitizeFileName(`${"a".repeat(300)}.jpeg`);
    expect(name).toHaveLength(200);
    expect(name.endsWith("a.jpeg")).toBe(true);
  });
});

describe("resolveTypeAndName", () => {
  it("lets the extension choose between equivalent types of one family", () => {
    expect(resolveTypeAndName("zip", "brief.docx")).toEqual({
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      name: "brief.docx",
    });
    expect(resolveTypeAndName("zip", "sheet.XLSX").contentType).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(resolveTypeAndName("text", "notes.md")).toEqual({
      contentType: "text/markdown",
      name: "notes.md",
    });
    expect(resolveTypeAndName("text", "data.csv")).toEqual({ contentType: "text/csv", name: "data.csv" });
    expect(resolveTypeAndName("jpeg", "photo.JPEG")).toEqual({
      contentType: "image/jpeg",
      name: "photo.JPEG",
    });
  });

  it("adds the family's extension when the name's does not fit, so a download opens as what it is", () => {
    expect(resolveTypeAndName("text", "page.html")).toEqual({
      contentType: "text/plain",
      name: "page.html.txt",
    });
    expect(resolveTypeAndName("text", "image.svg")).toEqual({
      contentType: "text/plain",
      name: "image.svg.txt",
    });
    expect(resolveTypeAndName("png", "photo.jpg")).toEqual({
      contentType: "image/png",
      name: "photo.jpg.png",
    });
    expect(resolveTypeAndName("pdf", "scan")).toEqual({ contentType: "application/pdf", name: "scan.pdf" });
    expect(resolveTypeAndName("zip", "setup.exe")).toEqual({
      contentType: "application/zip",
      name: "setup.exe.zip",
    });
  });

  it("stays within 200 characters when it adds an extension", () => {
    const { name } = resolveTypeAndName("pdf", "x".repeat(200));
    expect(name).toHaveLength(200);
    expect(name.endsWith(".pdf")).toBe(true);
  });
});

describe("headers and keys", () => {
  it("percent-encodes names in Content-Disposition so nothing can break out of the header", () => {
    expect(contentDisposition("attachment", "résumé (final)*.pdf")).toBe(
      "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9%20%28final%29%2A.pdf",
    );
    expect(contentDisposition("inline", `a"; b=c.png`)).toBe("inline; filename*=UTF-8''a%22%3B%20b%3Dc.png");
  });

  it("names variants after the original", () => {
    expect(variantFileName("photo.jpg", "thumb")).toBe("photo-thumb.webp");
    expect(variantFileName("noext", "card")).toBe("noext-card.webp");
  });

  it("matches If-None-Match lists, weak tags and *", () => {
    expect(ifNoneMatchHits('"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits('"x", W/"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchHits("*", '"abc"')).toBe(true);
    expect(ifNoneMatchHits('"abd"', '"abc"')).toBe(false);
    expect(ifNoneMatchHits(undefined, '"abc"')).toBe(false);
  });

  it("derives storage keys from the random part of the id", () => {
    expect(storageKeyFor("fil_abcdef")).toBe("abcdef.orig");
    expect(storageKeyFor("fil_abcdef", "thumb")).toBe("abcdef.thumb");
  });
});
