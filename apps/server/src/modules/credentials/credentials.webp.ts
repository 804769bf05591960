import type { Asset } from "@trustnxt/c2pa-ts/asset";

/**
 * A WebP file as c2pa-ts's `Asset`, which c2pa-ts itself does not provide. WebP is a RIFF container
 * (a 12-byte header "RIFF", size, "WEBP", then chunks: a FourCC, a little-endian 32-bit payload size,
 * the payload, one pad byte when the size is odd). Per the C2PA specification the manifest store is
 * the payload of one top-level chunk whose FourCC is `C2PA`; it goes last, after the image data, where
 * decoders of both the simple (VP8/VP8L) and the extended (VP8X) layouts skip a chunk they do not know.
 * The data hash (`c2pa.hash.data`) excludes that chunk's header and payload; everything else — the
 * RIFF header with its new size included — is hashed.
 */
export class WebP implements Asset {
  readonly mimeType = "image/webp";
  private data: Uint8Array;
  private chunks: RiffChunk[];

  constructor(data: Uint8Array) {
    if (!WebP.canRead(data)) throw new Error("Not a WebP file");
    this.data = data;
    this.chunks = readChunks(data);
  }

  static canRead(bytes: Uint8Array): boolean {
    return bytes.length >= HEADER_SIZE && fourCc(bytes, 0) === "RIFF" && fourCc(bytes, 8) === "WEBP";
  }

  getDataLength(): number {
    return this.data.length;
  }

  getDataRange(start = 0, length?: number): Promise<Uint8Array> {
    const end = length === undefined ? this.data.length : Math.min(this.data.length, start + length);
    return Promise.resolve(this.data.subarray(start, end));
  }

  /** The payload of the one `C2PA` chunk; none (or several, which C2PA does not allow) → undefined. */
  getManifestJUMBF(): Uint8Array | undefined {
    const chunk = this.manifestChunk();
    return chunk
      ? this.data.subarray(chunk.offset + CHUNK_HEADER_SIZE, chunk.offset + CHUNK_HEADER_SIZE + chunk.size)
      : undefined;
  }

  dumpInfo(): string {
    return ["WebP file:", ...this.chunks.map((c) => `Chunk ${c.fourCc} (payload length: ${c.size})`)].join(
      "\n",
    );
  }

  /** Rewrites the file with one empty `C2PA` chunk of `length` bytes at its end (other chunks as they were). */
  ensureManifestSpace(length: number): Promise<void> {
    if (this.manifestChunk()?.size === length) return Promise.resolve();
    const kept = this.chunks.filter((c) => c.fourCc !== C2PA);
    const size = (c: { size: number }) => CHUNK_HEADER_SIZE + c.size + (c.size & 1);
    const total = HEADER_SIZE + kept.reduce((sum, c) => sum + size(c), 0) + size({ size: length });
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    out.set(this.data.subarray(0, HEADER_SIZE));
    view.setUint32(4, total - 8, true);
    let at = HEADER_SIZE;
    for (const chunk of kept) {
      out.set(this.data.subarray(chunk.offset, chunk.offset + size(chunk)), at);
      at += size(chunk);
    }
    for (let i = 0; i < 4; i++) out[at + i] = C2PA.charCodeAt(i);
    view.setUint32(at + 4, length, true);
    this.data = out;
    this.chunks = readChunks(out);
    return Promise.resolve();
  }

  getHashExclusionRange(): { start: number; length: number } {
    const chunk = this.manifestChunk();
    if (!chunk) throw new Error("No manifest storage reserved");
    return { start: chunk.offset, length: CHUNK_HEADER_SIZE + chunk.size };
  }

  writeManifestJUMBF(jumbf: Uint8Array): Promise<void> {
    const chunk = this.manifestChunk();
    if (chunk?.size !== jumbf.length) throw new Error("Wrong amount of space in asset");
    this.data.set(jumbf, chunk.offset + CHUNK_HEADER_SIZE);
    return Promise.resolve();
  }

  private manifestChunk(): RiffChunk | undefined {
    const found = this.chunks.filter((c) => c.fourCc === C2PA);
    return found.length === 1 ? found[0] : undefined;
  }
}

const HEADER_SIZE = 12;
const CHUNK_HEADER_SIZE = 8;
const C2PA = "C2PA";

interface RiffChunk {
  fourCc: string;
  /** Where the chunk's header starts. */
  offset: number;
  /** The payload's length, without the header and the pad byte. */
  size: number;
}

function fourCc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

/** The top-level chunks; a file whose sizes do not add up to its length is refused. */
function readChunks(bytes: Uint8Array): RiffChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = 8 + view.getUint32(4, true);
  if (end !== bytes.length) throw new Error("Malformed WebP (RIFF size does not match the file)");
  const chunks: RiffChunk[] = [];
  let at = HEADER_SIZE;
  while (at < end) {
    if (at + CHUNK_HEADER_SIZE > end) throw new Error("Malformed WebP (truncated chunk header)");
    const size = view.getUint32(at + 4, true);
    if (at + CHUNK_HEADER_SIZE + size > end) throw new Error("Malformed WebP (chunk runs past the end)");
    chunks.push({ fourCc: fourCc(bytes, at), offset: at, size });
    // A last chunk of odd size may lack its pad byte; rewriting the file adds it.
    at = Math.min(end, at + CHUNK_HEADER_SIZE + size + (size & 1));
  }
  return chunks;
}
