import type { Asset } from "@trustnxt/c2pa-ts/asset";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from "pdf-lib";

/**
 * A PDF as c2pa-ts's `Asset` (c2pa-ts has none). Per the C2PA specification the manifest store is an
 * embedded file stream (`/Subtype /application#2Fc2pa`) whose file specification says
 * `/AFRelationship /C2PA_Manifest` and is listed in the document catalog's associated files (`/AF`).
 * It is added as an incremental update: the original bytes stay as they are (a signature in the file
 * still covers exactly what it signed), followed by that stream, its file specification, the catalog
 * again with `/AF`, and a classic cross-reference section whose `/Prev` points to the original one.
 * The data hash excludes the stream's content, the JUMBF itself.
 */
export class Pdf implements Asset {
  readonly mimeType = "application/pdf";
  private data: Uint8Array;
  private reserved: ByteRange | undefined;

  private constructor(
    private readonly original: Uint8Array,
    private readonly doc: PDFDocument,
    private readonly previousXref: number,
    private readonly found: Uint8Array | undefined,
  ) {
    this.data = original;
  }

  static canRead(bytes: Uint8Array): boolean {
    return bytes.length > 8 && latin1(bytes.subarray(0, 5)) === "%PDF-";
  }

  /** Parses `bytes`; undefined for an encrypted PDF, or one pdf-lib cannot read or that has no `startxref`. */
  static async open(bytes: Uint8Array): Promise<Pdf | undefined> {
    if (!Pdf.canRead(bytes)) return undefined;
    const previousXref = lastStartXref(bytes);
    if (previousXref === undefined) return undefined;
    try {
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      if (doc.isEncrypted || !(doc.context.trailerInfo.Root instanceof PDFRef)) return undefined;
      return new Pdf(bytes, doc, previousXref, manifestStream(doc)?.contents);
    } catch {
      return undefined;
    }
  }

  getDataLength(): number {
    return this.data.length;
  }

  getDataRange(start = 0, length?: number): Promise<Uint8Array> {
    const end = length === undefined ? this.data.length : Math.min(this.data.length, start + length);
    return Promise.resolve(this.data.subarray(start, end));
  }

  getManifestJUMBF(): Uint8Array | undefined {
    if (this.reserved)
      return this.data.subarray(this.reserved.start, this.reserved.start + this.reserved.length);
    return this.found;
  }

  dumpInfo(): string {
    return `PDF file: ${this.doc.getPageCount()} pages, last cross-reference at ${this.previousXref}`;
  }

  ensureManifestSpace(length: number): Promise<void> {
    if (this.reserved?.length === length) return Promise.resolve();
    const update = incrementalUpdate(this.original, this.doc, this.previousXref, length);
    this.data = update.bytes;
    this.reserved = update.manifest;
    return Promise.resolve();
  }

  getHashExclusionRange(): ByteRange {
    if (!this.reserved) throw new Error("No manifest storage reserved");
    return this.reserved;
  }

  writeManifestJUMBF(jumbf: Uint8Array): Promise<void> {
    if (this.reserved?.length !== jumbf.length) throw new Error("Wrong amount of space in asset");
    this.data.set(jumbf, this.reserved.start);
    return Promise.resolve();
  }
}

interface ByteRange {
  start: number;
  length: number;
}

const AF = PDFName.of("AF");
const C2PA_RELATIONSHIP = PDFName.of("C2PA_Manifest");

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** The offset the file's last `startxref` names (where a reader starts), if any. */
function lastStartXref(bytes: Uint8Array): number | undefined {
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 2048)));
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const offset = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(offset) && offset < bytes.length ? offset : undefined;
}

/** `/Size` of the last trailer (or cross-reference stream), which new object numbers must not reuse. */
function trailerSize(bytes: Uint8Array, xref: number): number {
  const match = /\/Size\s+(\d+)/.exec(latin1(bytes.subarray(xref, Math.min(bytes.length, xref + 4096))));
  return match ? Number(match[1]) : 0;
}

function isC2paFileSpec(doc: PDFDocument, entry: PDFObject): boolean {
  const spec = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
  return spec instanceof PDFDict && spec.get(PDFName.of("AFRelationship")) === C2PA_RELATIONSHIP;
}

/** The embedded file stream of the catalog's C2PA associated file, if there is one. */
function manifestStream(doc: PDFDocument): PDFRawStream | undefined {
  const af = doc.catalog.lookupMaybe(AF, PDFArray);
  for (const entry of af?.asArray() ?? []) {
    if (!isC2paFileSpec(doc, entry)) continue;
    const spec = doc.context.lookup(entry, PDFDict);
    const stream = spec.lookupMaybe(PDFName.of("EF"), PDFDict)?.lookup(PDFName.of("F"));
    if (stream instanceof PDFRawStream) return stream;
  }
  return undefined;
}

/** `N G obj` (a reference prints as `N G R`). */
function objectHeader(ref: PDFRef): string {
  return `${ref.objectNumber} ${ref.generationNumber} obj`;
}

function serialize(object: PDFObject): Uint8Array {
  const out = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return out;
}

/**
 * The original bytes followed by an update that adds an embedded manifest stream of `length` zero
 * bytes (to be filled in after signing), its file specification and the catalog with it in `/AF`.
 */
function incrementalUpdate(
  original: Uint8Array,
  doc: PDFDocument,
  previousXref: number,
  length: number,
): { bytes: Uint8Array; manifest: ByteRange } {
  const { context } = doc;
  const root = context.trailerInfo.Root as PDFRef;
  const first = Math.max(context.largestObjectNumber + 1, trailerSize(original, previousXref));
  const streamRef = PDFRef.of(first);
  const specRef = PDFRef.of(first + 1);

  // The catalog keeps its other associated files; a manifest added earlier is replaced.
  const catalog = doc.catalog.clone();
  const af = PDFArray.withContext(context);
  for (const entry of doc.catalog.lookupMaybe(AF, PDFArray)?.asArray() ?? []) {
    if (!isC2paFileSpec(doc, entry)) af.push(entry);
  }
  af.push(specRef);
  catalog.set(AF, af);
  // Listed as an attachment too, so viewers show it; a document that already has a name tree keeps
  // it untouched (rewriting its nodes is not needed for C2PA readers, which follow /AF).
  if (!catalog.has(PDFName.of("Names"))) {
    const names = { EmbeddedFiles: { Names: [PDFString.of("Content Credentials"), specRef] } };
    catalog.set(PDFName.of("Names"), context.obj(names));
  }

  const parts: Uint8Array[] = [original];
  let at = original.length;
  const write = (chunk: Uint8Array | string) => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
    parts.push(bytes);
    at += bytes.length;
  };
  const offsets: [ref: PDFRef, offset: number][] = [];
  write("\n");
  offsets.push([streamRef, at]);
  write(
    `${objectHeader(streamRef)}\n<< /Type /EmbeddedFile /Subtype /application#2Fc2pa /Length ${length} >>\nstream\n`,
  );
  const manifest = { start: at, length };
  write(new Uint8Array(length));
  write("\nendstream\nendobj\n");
  offsets.push([specRef, at]);
  write(
    `${objectHeader(specRef)}\n<< /Type /Filespec /F (manifest.c2pa) /UF (manifest.c2pa) /Desc (Content Credentials) ` +
      `/AFRelationship /C2PA_Manifest /EF << /F ${streamRef.toString()} >> >>\nendobj\n`,
  );
  offsets.push([root, at]);
  write(`${objectHeader(root)}\n`);
  write(serialize(catalog));
  write("\nendobj\n");

  const xref = at;
  write(`xref\n${xrefSubsections(offsets)}`);
  const { Info, ID } = context.trailerInfo;
  write(
    `trailer\n<< /Size ${first + 2} /Root ${root.toString()} /Prev ${previousXref}` +
      (Info ? ` /Info ${Info.toString()}` : "") +
      (ID ? ` /ID ${ID.toString()}` : "") +
      ` >>\nstartxref\n${xref}\n%%EOF\n`,
  );
  return { bytes: Buffer.concat(parts), manifest };
}

/** A classic cross-reference section: consecutive object numbers grouped, 20-byte entries. */
function xrefSubsections(offsets: [ref: PDFRef, offset: number][]): string {
  const sorted = [...offsets].sort(([a], [b]) => a.objectNumber - b.objectNumber);
  let text = "";
  let group: typeof sorted = [];
  const flush = () => {
    if (group.length === 0) return;
    text += `${group[0]![0].objectNumber} ${group.length}\n`;
    for (const [ref, offset] of group)
      text += `${String(offset).padStart(10, "0")} ${String(ref.generationNumber).padStart(5, "0")} n\r\n`;
    group = [];
  };
  for (const entry of sorted) {
    const last = group[group.length - 1];
    if (last && last[0].objectNumber + 1 !== entry[0].objectNumber) flush();
    group.push(entry);
  }
  flush();
  return text;
}
