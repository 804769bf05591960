import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { stripImageMetadata } from "./files.metadata";

const SECRET = "SecretCam-SN-48151623";
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${SECRET}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

/** A 64 × 32 image carrying a camera serial in EXIF and XMP, as phones write them. */
function photo() {
  return sharp({ create: { width: 64, height: 32, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .withExif({ IFD0: { Make: SECRET, Copyright: SECRET }, IFD3: { GPSLatitudeRef: "N" } })
    .withXmp(XMP);
}

const has = (b: Buffer, text: string) => b.includes(Buffer.from(text, "latin1"));

describe("stripImageMetadata", () => {
  it("drops EXIF, XMP and comments from a JPEG but keeps its orientation and its pixels", async () => {
    const input = await photo().withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect(has(input, SECRET)).toBe(true);
    const out = stripImageMetadata(input);
    expect(has(out, SECRET)).toBe(false);
    expect(has(out, "GPS")).toBe(false);
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height, meta.orientation]).toEqual(["jpeg", 64, 32, 6]);
    expect(meta.xmp).toBeUndefined();
    // The scan data is copied byte for byte: the same pixels decode.
    expect(await sharp(out).raw().toBuffer()).toEqual(await sharp(input).raw().toBuffer());
  });

  it("leaves no EXIF at all when the JPEG was upright", async () => {
    const out = stripImageMetadata(await photo().jpeg().toBuffer());
    expect(has(out, "Exif")).toBe(false);
    expect((await sharp(out).metadata()).exif).toBeUndefined();
  });

  it("drops EXIF and text chunks from a PNG", async () => {
    const input = await photo().png().toBuffer();
    expect(has(input, SECRET)).toBe(true);
    const out = stripImageMetadata(input);
    expect(has(out, SECRET)).toBe(false);
    expect(await sharp(out).raw().toBuffer()).toEqual(await sharp(input).raw().toBuffer());
  });

  it("drops EXIF and XMP chunks from a WebP and clears their flags", async () => {
    const input = await photo().webp({ lossless: true }).toBuffer();
    expect(has(input, SECRET)).toBe(true);
    const out = stripImageMetadata(input);
    expect(has(out, SECRET)).toBe(false);
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp]).toEqual([
      "webp",
      64,
      32,
      undefined,
      undefined,
    ]);
    expect(await sharp(out).raw().toBuffer()).toEqual(await sharp(input).raw().toBuffer());
  });

  it("returns anything else unchanged", () => {
    const pdf = Buffer.from("%PDF-1.7 Make: " + SECRET, "latin1");
    expect(stripImageMetadata(pdf)).toBe(pdf);
  });
});
