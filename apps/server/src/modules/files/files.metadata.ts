/**
 * Removes what a photo says about its maker — GPS position, camera serial, software, comments — from
 * an image's bytes without re-encoding its pixels, for images that anyone may download (gig gallery
 * originals). A JPEG keeps its orientation: the EXIF block is replaced by one holding that tag alone.
 * Anything that is not recognisably JPEG, PNG or WebP is returned as it came.
 */
export function stripImageMetadata(bytes: Buffer): Buffer {
  if (isJpeg(bytes)) return stripJpeg(bytes) ?? bytes;
  if (isPng(bytes)) return stripPng(bytes) ?? bytes;
  if (isWebp(bytes)) return stripWebp(bytes) ?? bytes;
  return bytes;
}

const isJpeg = (b: Buffer) => b.length > 4 && b[0] === 0xff && b[1] === 0xd8;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPng = (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(PNG_SIGNATURE);
const isWebp = (b: Buffer) =>
  b.length > 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP";

const EXIF_HEADER = Buffer.from("Exif\0\0", "latin1");

/** JPEG segments before the scan; APP1 (EXIF, XMP), APP13 (IPTC) and comments are dropped. */
function stripJpeg(b: Buffer): Buffer | null {
  const out: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Start of scan: the rest is image data.
    if (marker === 0xda) {
      out.push(b.subarray(i));
      return Buffer.concat(out);
    }
    const length = b.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > b.length) return null;
    const segment = b.subarray(i, i + 2 + length);
    const body = segment.subarray(4);
    if (marker === 0xe1) {
      if (body.subarray(0, 6).equals(EXIF_HEADER)) {
        const orientation = exifOrientation(body.subarray(6));
        if (orientation !== null && orientation !== 1) out.push(orientationOnlyExif(orientation));
      }
    } else if (marker !== 0xed && marker !== 0xfe) {
      out.push(segment);
    }
    i += 2 + length;
  }
  return null;
}

/** The Orientation tag (0x0112) of a TIFF structure's first IFD, or null. */
function exifOrientation(tiff: Buffer): number | null {
  if (tiff.length < 8) return null;
  const order = tiff.toString("latin1", 0, 2);
  if (order !== "II" && order !== "MM") return null;
  const le = order === "II";
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const entries = u16(ifd);
  for (let n = 0; n < entries; n++) {
    const at = ifd + 2 + n * 12;
    if (at + 12 > tiff.length) return null;
    if (u16(at) === 0x0112) return u16(at + 8);
  }
  return null;
}

/** An APP1 segment with an EXIF block of one entry: Orientation. */
function orientationOnlyExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write("II", 0, "latin1");
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4); // first IFD right after the header
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x0112, 10); // Orientation
  tiff.writeUInt16LE(3, 12); // SHORT
  tiff.writeUInt32LE(1, 14); // one value
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt32LE(0, 22); // no next IFD
  const body = Buffer.concat([EXIF_HEADER, tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** PNG chunks that carry text, EXIF or a timestamp are dropped; the others are kept as they are. */
const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);

function stripPng(b: Buffer): Buffer | null {
  const out: Buffer[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    const end = i + 12 + length;
    if (end > b.length) return null;
    const type = b.toString("latin1", i + 4, i + 8);
    if (!PNG_DROPPED.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === "IEND") return Buffer.concat(out);
  }
  return null;
}

/** WebP's EXIF and XMP chunks are dropped and the extended header's flags for them cleared. */
function stripWebp(b: Buffer): Buffer | null {
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const type = b.toString("latin1", i, i + 4);
    const size = b.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > b.length) return null;
    const chunk = Buffer.from(b.subarray(i, Math.min(end, b.length)));
    if (type === "VP8X" && chunk.length > 8) chunk[8] = chunk[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
    if (type !== "EXIF" && type !== "XMP ") chunks.push(chunk);
    i = end;
  }
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write("RIFF", 0, "latin1");
  head.writeUInt32LE(body.length + 4, 4);
  head.write("WEBP", 8, "latin1");
  return Buffer.concat([head, body]);
}
