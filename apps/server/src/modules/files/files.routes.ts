import { buffer } from "node:stream/consumers";
import { finished } from "node:stream/promises";
import { FileParamsSchema, FileSchema, FileVariantParamsSchema } from "@atelier/contracts";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppDeps } from "../../platform/deps";
import { lazyImport } from "../../platform/lazy";
import { unsupportedMediaType, validationFailed } from "../../platform/errors";
import { requireUser } from "../identity/identity.public";
import { isAdmin } from "../identity/identity.public";
import type { FileViewer } from "./files.links";
import {
  contentDisposition,
  contentTypeHeader,
  etagFor,
  ifNoneMatchHits,
  PDF_TYPE,
  variantFileName,
} from "./files.models";
import { stripImageMetadata } from "./files.metadata";
import { watermarkImage } from "./files.watermark";
import * as files from "./files.usecases";

// pdf-lib takes ~0.2 s to import: loaded on the first PDF preview, not at start.
const pdfWatermark = lazyImport(() => import("./files.watermark-pdf"));

const FILE_FIELD = "file";

function viewerOf(request: FastifyRequest): FileViewer {
  const user = request.auth?.user;
  return { userId: user?.id ?? null, isAdmin: user ? isAdmin(user) : false };
}

/** Headers shared by every download; bytes are never sniffed into something executable. */
async function sendBytes(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  blob: {
    key: string;
    contentType: string;
    size: number;
    etag: string;
    name: string;
    publicImage: boolean;
    stripMetadata?: boolean;
  },
) {
  void reply.headers({
    ETag: blob.etag,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": blob.publicImage
      ? `public, max-age=${deps.config.files.publicMaxAgeSeconds}`
      : "private, no-store",
  });
  if (ifNoneMatchHits(request.headers["if-none-match"], blob.etag)) return reply.status(304).send();
  const stream = await files.openBlob(deps, blob.key);
  if (blob.publicImage && blob.stripMetadata) {
    // Anyone may download a public image: it goes out without what the photo says about its maker.
    const bytes = stripImageMetadata(await buffer(stream));
    return reply
      .headers({
        "Content-Type": contentTypeHeader(blob.contentType),
        "Content-Length": String(bytes.length),
        "Content-Disposition": contentDisposition("inline", blob.name),
      })
      .send(bytes);
  }
  return reply
    .headers({
      "Content-Type": contentTypeHeader(blob.contentType),
      "Content-Length": String(blob.size),
      "Content-Disposition": contentDisposition(blob.publicImage ? "inline" : "attachment", blob.name),
    })
    .send(stream);
}

export function filesRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    // Multipart is parsed only inside this plugin: every other route keeps accepting JSON alone,
    // with the 1 MiB body limit. The file itself is streamed, never buffered.
    await app.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: {
        // One byte over the limit lets the upload check tell "exactly the limit" from "too large";
        // busboy drains (and drops) the rest of the request.
        fileSize: deps.config.files.maxBytes + 1,
        files: 1,
        fields: 10,
        fieldSize: 1024,
        headerPairs: 50,
      },
    });

    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["files"];

    r.post(
      "/api/files",
      {
        schema: {
          operationId: "uploadFile",
          tags,
          description:
            "multipart/form-data with one file field named `file`. The type is read from the bytes " +
            "(JPEG, PNG, WebP, GIF, PDF, ZIP/Office, MP3, MP4, WAV, UTF-8 text); others → 415.",
          consumes: ["multipart/form-data"],
          response: { 201: FileSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        if (!request.isMultipart()) {
          throw unsupportedMediaType("Send multipart/form-data with one file field named file.");
        }
        const part = await request.file();
        if (!part) throw validationFailed([{ path: FILE_FIELD, message: "is required" }]);
        const unknown = Object.keys(part.fields).filter((name) => name !== FILE_FIELD);
        if (part.fieldname !== FILE_FIELD || unknown.length > 0) {
          part.file.resume();
          await finished(part.file);
          const names = unknown.length > 0 ? unknown : [part.fieldname];
          throw validationFailed(names.map((path) => ({ path, message: "unknown field" })));
        }
        const file = await files.uploadFile(deps, {
          ownerId: user.id,
          fileName: part.filename,
          source: part.file,
        });
        return reply.status(201).send(file);
      },
    );

    r.get(
      "/api/files/:id",
      { schema: { operationId: "downloadFile", tags, params: FileParamsSchema } },
      async (request, reply) => {
        const { file, publicImage, preview } = await files.findReadableFile(deps, {
          fileId: request.params.id,
          viewer: viewerOf(request),
        });
        if (preview) {
          const original = await buffer(await files.openBlob(deps, file.storage_key));
          const marked =
            file.content_type === PDF_TYPE
              ? {
                  bytes: await (await pdfWatermark()).watermarkPdf(original, preview.label),
                  contentType: PDF_TYPE,
                }
              : await watermarkImage(original);
          return reply
            .headers({
              "Cache-Control": "private, no-store",
              "X-Content-Type-Options": "nosniff",
              "X-Atelier-Preview": "watermarked",
              "Content-Type": contentTypeHeader(marked.contentType),
              "Content-Length": String(marked.bytes.length),
              "Content-Disposition": contentDisposition("attachment", `preview-${file.name}`),
            })
            .send(marked.bytes);
        }
        return sendBytes(deps, request, reply, {
          key: file.storage_key,
          contentType: file.content_type,
          size: file.size,
          // The same for everyone who asks (shared caches may keep it), and not the original's tag.
          etag: publicImage ? etagFor(file.sha256, "public") : etagFor(file.sha256),
          name: file.name,
          publicImage,
          stripMetadata: true,
        });
      },
    );

    r.get(
      "/api/files/:id/meta",
      {
        schema: { operationId: "getFileMeta", tags, params: FileParamsSchema, response: { 200: FileSchema } },
      },
      async (request, reply) => {
        const meta = await files.getFileMeta(deps, { fileId: request.params.id, viewer: viewerOf(request) });
        return reply.header("Cache-Control", "private, no-store").send(meta);
      },
    );

    r.get(
      "/api/files/:id/variants/:variant",
      { schema: { operationId: "downloadFileVariant", tags, params: FileVariantParamsSchema } },
      async (request, reply) => {
        const { file, variant, publicImage } = await files.findReadableVariant(deps, {
          fileId: request.params.id,
          viewer: viewerOf(request),
          variant: request.params.variant,
        });
        return sendBytes(deps, request, reply, {
          key: variant.storage_key,
          contentType: variant.content_type,
          size: variant.size,
          etag: etagFor(file.sha256, request.params.variant),
          name: variantFileName(file.name, request.params.variant),
          publicImage,
        });
      },
    );
  };
}
