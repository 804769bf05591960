import { createHash, type Hash } from "node:crypto";
import { TextDecoder } from "node:util";
import type { FileDto, FileVariantName } from "@atelier/contracts";
import type { FileRow, FileVariantRow } from "./files.repository";

/** Types that get width/height and resized WebP variants. */
export const IMAGE_TYPES: readonly string[] = ["image/jpeg", "image/png", "image/webp"];

export function isImageType(contentType: string): boolean {
  return IMAGE_TYPES.includes(contentType);
}

export const PDF_TYPE = "application/pdf";

/** The resized copies of every image: cropped to fill the box, WebP, without metadata. */
export const VARIANTS: readonly { variant: FileVariantName; width: number; height: number }[] = [
  { variant: "thumb", width: 400, height: 300 },
  { variant: "card", width: 800, height: 600 },
];

export function isVariantName(value: string): value is FileVariantName {
  return VARIANTS.some((v) => v.variant === value);
}

export function fileUrl(id: string, variant?: FileVariantName): string {
  const base = `/api/files/${encodeURIComponent(id)}`;
  return variant ? `${base}/variants/${variant}` : base;
}

/**
 * Storage keys start with the random part of the file id, so the local store's shards fill evenly.
 * They are kept in the database, so the scheme can change without moving old blobs.
 */
export function storageKeyFor(fileId: string, variant?: FileVariantName): string {
  const random = fileId.slice(fileId.indexOf("_") + 1);
  return variant ? `${random}.${variant}` : `${random}.orig`;
}

// ---------------------------------------------------------------------------------------------
// What the bytes are: magic numbers decide the family; the name only picks between equivalents.

export type FileFamily =
  "jpeg" | "png" | "webp" | "gif" | "pdf" | "zip" | "mp3" | "mp4" | "m4a" | "wav" | "text";

interface TypeChoice {
  contentType: string;
  extensions: readonly string[];
}

/**
 * Per family, the content types it may be served as and the name extensions that go with each;
 * the first entry is the default. A name whose extension does not fit gets the default one added,
 * so that a download saved to disk opens as what it really is (`page.html` of plain text becomes
 * `page.html.txt`).
 */
const FAMILY_TYPES: Record<FileFamily, readonly TypeChoice[]> = {
  jpeg: [{ contentType: "image/jpeg", extensions: ["jpg", "jpeg", "jpe", "jfif"] }],
  png: [{ contentType: "image/png", extensions: ["png"] }],
  webp: [{ contentType: "image/webp", extensions: ["webp"] }],
  gif: [{ contentType: "image/gif", extensions: ["gif"] }],
  pdf: [{ contentType: "application/pdf", extensions: ["pdf"] }],
  zip: [
    { contentType: "application/zip", extensions: ["zip"] },
    {
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      extensions: ["docx"],
    },
    {
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      extensions: ["xlsx"],
    },
    {
      contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      extensions: ["pptx"],
    },
  ],
  mp3: [{ contentType: "audio/mpeg", extensions: ["mp3"] }],
  mp4: [{ contentType: "video/mp4", extensions: ["mp4", "m4v"] }],
  m4a: [{ contentType: "audio/mp4", extensions: ["m4a", "m4b"] }],
  wav: [{ contentType: "audio/wav", extensions: ["wav"] }],
  text: [
    { contentType: "text/plain", extensions: ["txt", "text", "log", "json", "yaml", "yml", "tsv"] },
    { contentType: "text/markdown", extensions: ["md", "markdown"] },
    { contentType: "text/csv", extensions: ["csv"] },
  ],
};

/** Bytes needed to recognise every binary family. */
export const SNIFF_BYTES = 16;

const MP4_BRANDS = new Set([
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
  "mp41",
  "mp42",
  "mp71",
  "avc1",
  "M4V ",
  "M4VP",
  "f4v ",
  "dash",
  "MSNV",
]);
const M4A_BRANDS = new Set(["M4A ", "M4B "]);

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return bytes.length < to ? "" : String.fromCharCode(...bytes.subarray(from, to));
}

/** An MPEG-1/2/2.5 Layer III frame header (an MP3 without an ID3 tag starts with one). */
function isMp3Frame(bytes: Uint8Array): boolean {
  const [b0, b1, b2] = bytes;
  if (b0 === undefined || b1 === undefined || b2 === undefined) return false;
  const sync = b0 === 0xff && (b1 & 0xe0) === 0xe0;
  const version = (b1 >> 3) & 0b11; // 0b01 is reserved
  const layer = (b1 >> 1) & 0b11; // 0b01 is Layer III
  const bitrate = b2 >> 4; // 0b1111 is invalid
  const sampleRate = (b2 >> 2) & 0b11; // 0b11 is reserved
  return sync && version !== 0b01 && layer === 0b01 && bitrate !== 0b1111 && sampleRate !== 0b11;
}

/** The binary family the first bytes of a file announce, or undefined (which may still be text). */
export function sniffBinaryFamily(head: Uint8Array): Exclude<FileFamily, "text"> | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "webp";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WAVE") return "wav";
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return "gif";
  if (ascii(head, 0, 5) === "%PDF-") return "pdf";
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (ascii(head, 0, 3) === "ID3" || isMp3Frame(head)) return "mp3";
  if (ascii(head, 4, 8) === "ftyp") {
    const brand = ascii(head, 8, 12);
    if (MP4_BRANDS.has(brand)) return "mp4";
    if (M4A_BRANDS.has(brand)) return "m4a";
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// File names

export const MAX_NAME_LENGTH = 200;
const MAX_EXTENSION_LENGTH = 16;

function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf(".");
  if (dot <= 0 || dot === name.length - 1) return undefined;
  const ext = name.slice(dot + 1);
  return ext.length <= MAX_EXTENSION_LENGTH ? ext : undefined;
}

/** Cuts a name to `max` characters (code points), keeping its extension. */
function limitLength(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const ext = extensionOf(name);
  const suffix = ext === undefined ? [] : Array.from(`.${ext}`);
  const stem = chars.slice(0, chars.length - suffix.length);
  return [...stem.slice(0, max - suffix.length), ...suffix].join("").trim();
}

/**
 * A display name safe to echo in headers and to save to disk: the last path segment only, without
 * control or invisible formatting characters (which can disguise an extension), without characters
 * Windows forbids, whitespace collapsed, at most 200 characters. Never empty.
 */
export function sanitizeFileName(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .trim();
  if (cleaned === "" || /^\.+$/.test(cleaned)) return "file";
  return limitLength(cleaned, MAX_NAME_LENGTH);
}

/**
 * The content type to serve a file of `family` as, and its name with an extension that fits:
 * the name's extension picks between equivalent types (`.docx` of a ZIP), never across families.
 */
export function resolveTypeAndName(family: FileFamily, name: string): { contentType: string; name: string } {
  const choices = FAMILY_TYPES[family];
  const ext = extensionOf(name)?.toLowerCase();
  const chosen = ext === undefined ? undefined : choices.find((c) => c.extensions.includes(ext));
  if (chosen) return { contentType: chosen.contentType, name };
  const [fallback] = choices;
  if (!fallback) throw new Error(`no content type for ${family}`);
  const canonicalExt = fallback.extensions[0] ?? family;
  const suffix = `.${canonicalExt}`;
  const stem = Array.from(name)
    .slice(0, MAX_NAME_LENGTH - suffix.length)
    .join("");
  return { contentType: fallback.contentType, name: `${stem}${suffix}` };
}

/** The name a variant downloads as: `photo.jpg` → `photo-thumb.webp`. */
export function variantFileName(name: string, variant: FileVariantName): string {
  const ext = extensionOf(name);
  const stem = ext === undefined ? name : name.slice(0, name.length - ext.length - 1);
  return limitLength(`${stem}-${variant}.webp`, MAX_NAME_LENGTH);
}

/** RFC 6266 / RFC 8187: the UTF-8 name, percent-encoded, so no header injection is possible. */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename*=UTF-8''${encoded}`;
}

/** The Content-Type header: text is always declared UTF-8 (it was checked to be). */
export function contentTypeHeader(contentType: string): string {
  return contentType.startsWith("text/") ? `${contentType}; charset=utf-8` : contentType;
}

/** Variants are made once from the original, so the original's digest identifies them too. */
export function etagFor(sha256: string, variant?: FileVariantName | "public"): string {
  return variant ? `"${sha256}-${variant}"` : `"${sha256}"`;
}

export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

// ---------------------------------------------------------------------------------------------
// Checking an upload while it streams

export type UploadVerdict =
  | { ok: true; family: FileFamily; size: number; sha256: string }
  | { ok: false; reason: "too_large" | "unsupported" | "empty" };

/**
 * Looks at an upload chunk by chunk, without holding it: counts and hashes it, recognises its type
 * from the first bytes, and, for anything that is not a known binary format, checks that the whole
 * of it is UTF-8 text without NUL bytes. `update` says whether the chunk is worth keeping: once the
 * upload is refused the rest only needs to be drained.
 */
export class UploadInspector {
  private size = 0;
  private readonly hash: Hash = createHash("sha256");
  private head = new Uint8Array(0);
  private family: FileFamily | undefined;
  private decoder: TextDecoder | undefined = new TextDecoder("utf-8", { fatal: true });
  private failure: "too_large" | "unsupported" | undefined;
  private verdict: UploadVerdict | undefined;

  constructor(private readonly maxBytes: number) {}

  update(chunk: Uint8Array): boolean {
    if (this.verdict) throw new Error("the upload was already finished");
    if (this.failure) return false;
    this.size += chunk.byteLength;
    if (this.size > this.maxBytes) {
      this.failure = "too_large";
      return false;
    }
    this.hash.update(chunk);
    this.checkText(chunk);
    if (this.family === undefined && this.head.length < SNIFF_BYTES) {
      const room = SNIFF_BYTES - this.head.length;
      const head = new Uint8Array(this.head.length + Math.min(room, chunk.byteLength));
      head.set(this.head);
      head.set(chunk.subarray(0, room), this.head.length);
      this.head = head;
      if (this.head.length >= SNIFF_BYTES) this.decide();
    }
    if (this.family === "text" && this.decoder === undefined) this.failure = "unsupported";
    return this.failure === undefined;
  }

  /** The verdict once the upload has ended; calling it again returns the same verdict. */
  finish(): UploadVerdict {
    if (this.verdict) return this.verdict;
    this.verdict = this.conclude();
    return this.verdict;
  }

  private conclude(): UploadVerdict {
    if (this.failure) return { ok: false, reason: this.failure };
    if (this.size === 0) return { ok: false, reason: "empty" };
    if (this.family === undefined) this.decide();
    if (this.family === "text") {
      try {
        this.decoder?.decode(); // an unfinished multi-byte sequence at the end throws
      } catch {
        this.decoder = undefined;
      }
      if (this.decoder === undefined) return { ok: false, reason: "unsupported" };
    }
    const family = this.family;
    if (family === undefined) return { ok: false, reason: "unsupported" };
    return { ok: true, family, size: this.size, sha256: this.hash.digest("hex") };
  }

  private decide(): void {
    this.family = sniffBinaryFamily(this.head) ?? "text";
    if (this.family !== "text") this.decoder = undefined;
  }

  /** Text is valid UTF-8 with no NUL byte; `decoder` is dropped at the first byte that breaks that. */
  private checkText(chunk: Uint8Array): void {
    if (this.decoder === undefined) return;
    if (chunk.includes(0)) {
      this.decoder = undefined;
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.decoder = undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------

const variantRank = (name: string) => VARIANTS.findIndex((v) => v.variant === name);

export function toFileDto(row: FileRow, variants: readonly FileVariantRow[]): FileDto {
  return {
    id: row.id,
    name: row.name,
    size: Number(row.size),
    contentType: row.content_type,
    sha256: row.sha256,
    createdAt: row.created_at.toISOString(),
    url: fileUrl(row.id),
    width: row.width,
    height: row.height,
    variants: [...variants]
      .sort((a, b) => variantRank(a.variant) - variantRank(b.variant))
      .flatMap((v) =>
        isVariantName(v.variant)
          ? [
              {
                variant: v.variant,
                url: fileUrl(row.id, v.variant),
                contentType: v.content_type,
                width: v.width,
                height: v.height,
                size: Number(v.size),
              },
            ]
          : [],
      ),
  };
}
