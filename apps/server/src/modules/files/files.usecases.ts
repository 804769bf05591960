import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { FileDto, FileVariantName } from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import type { Queryable } from "../../db/client";
import { notFound, payloadTooLarge, unsupportedMediaType, validationFailed } from "../../platform/errors";
import { newId, sha256Hex } from "../../platform/ids";
import { describeImage, ImageDecodeError } from "./files.images";
import type { FilePreview, FileViewer } from "./files.links";
import {
  isImageType,
  PDF_TYPE,
  resolveTypeAndName,
  sanitizeFileName,
  storageKeyFor,
  toFileDto,
  UploadInspector,
  type UploadVerdict,
} from "./files.models";
import { createFilesRepository, type FileRow, type FileVariantRow } from "./files.repository";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "storage" | "log">;

const ACCEPTED = "JPEG, PNG, WebP, GIF, PDF, ZIP (including Office documents), MP3, MP4, WAV or UTF-8 text";

function refusal(verdict: Exclude<UploadVerdict, { ok: true }>, maxBytes: number) {
  switch (verdict.reason) {
    case "too_large":
      return payloadTooLarge(`Files may be at most ${maxBytes} bytes.`);
    case "empty":
      return validationFailed([{ path: "file", message: "is empty" }]);
    case "unsupported":
      return unsupportedMediaType(`The file's contents are not a supported type: send ${ACCEPTED}.`);
  }
}

/**
 * Passes the upload through the inspector on its way to storage. When the inspector refuses it,
 * the rest is drained (so the client still reads our answer) and the stream fails at the end, which
 * makes storage discard the partial blob.
 */
async function* inspected(source: AsyncIterable<Uint8Array>, inspector: UploadInspector, maxBytes: number) {
  for await (const chunk of source) {
    if (inspector.update(chunk)) yield chunk;
  }
  const verdict = inspector.finish();
  if (!verdict.ok) throw refusal(verdict, maxBytes);
}

/**
 * Stores an upload of `ownerId`. Its type is decided from its bytes (the client's Content-Type is
 * ignored), its SHA-256 is computed while it streams, and images get their size measured and WebP
 * variants rendered. Too large → 413 with nothing kept; a type we do not accept → 415; empty → 400.
 */
export async function uploadFile(
  deps: Deps,
  { ownerId, fileName, source }: { ownerId: string; fileName: string; source: AsyncIterable<Uint8Array> },
): Promise<FileDto> {
  const { maxBytes, maxImagePixels } = deps.config.files;
  const id = newId("fil");
  const key = storageKeyFor(id);
  const inspector = new UploadInspector(maxBytes);
  await deps.storage.put(key, inspected(source, inspector, maxBytes));
  const stored = [key];
  const discard = () => Promise.all(stored.map((k) => deps.storage.delete(k).catch(() => undefined)));

  try {
    const verdict = inspector.finish();
    if (!verdict.ok) throw refusal(verdict, maxBytes);
    const { contentType, name } = resolveTypeAndName(verdict.family, sanitizeFileName(fileName));
    const file: FileRow = {
      id,
      owner_id: ownerId,
      name,
      size: verdict.size,
      content_type: contentType,
      sha256: verdict.sha256,
      storage_key: key,
      width: null,
      height: null,
      created_at: deps.clock.now(),
    };
    const variants: FileVariantRow[] = [];
    if (isImageType(contentType)) {
      const original = await buffer(await deps.storage.get(key));
      const facts = await describeImage(original, verdict.family, { maxPixels: maxImagePixels }).catch(
        (e: unknown) => {
          if (e instanceof ImageDecodeError) throw unsupportedMediaType("The image could not be decoded.");
          throw e;
        },
      );
      file.width = facts.width;
      file.height = facts.height;
      for (const v of facts.variants) {
        const variantKey = storageKeyFor(id, v.variant);
        const { size } = await deps.storage.put(variantKey, v.bytes);
        stored.push(variantKey);
        variants.push({
          file_id: id,
          variant: v.variant,
          storage_key: variantKey,
          content_type: v.contentType,
          width: v.width,
          height: v.height,
          size,
        });
      }
    }
    await deps.db.transaction(async (tx) => {
      const repo = createFilesRepository(tx);
      await repo.insertFile(file);
      for (const v of variants) await repo.insertVariant(v);
    });
    return toFileDto(file, variants);
  } catch (e) {
    await discard();
    throw e;
  }
}

export interface ReadableFile {
  file: FileRow;
  /** An image anyone may see: served inline and cacheable by shared caches. */
  publicImage: boolean;
  /**
   * A protected delivery's image or PDF that the viewer gets only as a watermarked preview (for
   * now), with what the watermark names; null when the viewer gets the stored bytes.
   */
  preview: FilePreview | null;
}

/**
 * Finds a file `viewer` may read: the uploader, admins, and whoever an access rule admits through
 * one of the file's links. Everyone else gets the same 404 as for a file that does not exist.
 */
export async function findReadableFile(
  deps: Pick<AppDeps, "db" | "fileAccess">,
  { fileId, viewer }: { fileId: string; viewer: FileViewer },
): Promise<ReadableFile> {
  const repo = createFilesRepository(deps.db);
  const file = await repo.findFile(fileId);
  if (!file) throw notFound("file");
  const links = await repo.findLinks(file.id);
  // Public means readable by an anonymous visitor, whoever asks: a response that a shared cache
  // may keep must not depend on who asked for it.
  const publicImage =
    isImageType(file.content_type) &&
    (await deps.fileAccess.admits(deps.db, links, { userId: null, isAdmin: false }, { publicOnly: true }));
  const readable =
    publicImage ||
    (viewer.userId !== null && viewer.userId === file.owner_id) ||
    viewer.isAdmin ||
    (await deps.fileAccess.admits(deps.db, links, viewer));
  if (!readable) throw notFound("file");
  // The uploader and admins always get the bytes; a preview rule (protected deliveries) may hold
  // the original back from the other readers of an image or a PDF.
  const preview =
    !publicImage &&
    (isImageType(file.content_type) || file.content_type === PDF_TYPE) &&
    viewer.userId !== file.owner_id &&
    !viewer.isAdmin
      ? await deps.fileAccess.previews(deps.db, links, viewer)
      : null;
  return { file, publicImage, preview };
}

/** A resized copy of an image `viewer` may read; 404 for files without that variant. */
export async function findReadableVariant(
  deps: Pick<AppDeps, "db" | "fileAccess">,
  { fileId, viewer, variant }: { fileId: string; viewer: FileViewer; variant: FileVariantName },
): Promise<ReadableFile & { variant: FileVariantRow }> {
  const readable = await findReadableFile(deps, { fileId, viewer });
  // A protected image's resized copies would be unwatermarked originals in small: none until then.
  if (readable.preview) throw notFound("file variant");
  const row = await createFilesRepository(deps.db).findVariant(readable.file.id, variant);
  if (!row) throw notFound("file variant");
  return { ...readable, variant: row };
}

/** The facts of a file `viewer` may read, with its variants. */
export async function getFileMeta(
  deps: Pick<AppDeps, "db" | "fileAccess">,
  { fileId, viewer }: { fileId: string; viewer: FileViewer },
): Promise<FileDto> {
  const { file } = await findReadableFile(deps, { fileId, viewer });
  const variants = await createFilesRepository(deps.db).findVariants(file.id);
  return toFileDto(file, variants);
}

/** The stored bytes under `key`. A row whose blob is missing is a storage fault, not a 404. */
export function openBlob(deps: Pick<Deps, "storage">, key: string): Promise<Readable> {
  return deps.storage.get(key);
}

/** A file's row and bytes, read inside `q` (the caller's transaction); 404 when there is no such file. */
export async function readStoredFile(
  deps: Pick<Deps, "db" | "storage">,
  q: Queryable,
  fileId: string,
): Promise<{ file: FileRow; bytes: Buffer }> {
  const file = await createFilesRepository(q).findFile(fileId);
  if (!file) throw notFound("file");
  return { file, bytes: await buffer(await deps.storage.get(file.storage_key)) };
}

/**
 * Serves other bytes under the same file id from now on (the content credentials module embeds a
 * signed manifest into a delivered file). The new blob is stored under `<random>.<suffix>`; the
 * earlier one stays in storage. Returns the updated row.
 */
export async function replaceStoredBytes(
  deps: Pick<Deps, "db" | "storage">,
  q: Queryable,
  { file, bytes, suffix }: { file: FileRow; bytes: Uint8Array; suffix: string },
): Promise<FileRow> {
  const key = `${file.storage_key.replace(/\.[^.]+$/, "")}.${suffix}`;
  const { size } = await deps.storage.put(key, bytes);
  const updated = { storage_key: key, sha256: sha256Hex(bytes), size };
  await createFilesRepository(q).updateStoredBytes(file.id, updated);
  return { ...file, ...updated };
}
