import type { AppDeps } from "../../platform/deps";
import { buffer } from "node:stream/consumers";
import {
  FileParamsSchema,
  PublicKeyListSchema,
  ReceiptSchema,
  VerificationSchema,
  VerifyHashParamsSchema,
} from "@atelier/contracts";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { payloadTooLarge, unsupportedMediaType, validationFailed } from "../../platform/errors";
import { requireUser } from "../identity/identity.public";
import { isAdmin } from "../identity/identity.public";
import * as credentials from "./credentials.usecases";

const FILE_FIELD = "file";

export function credentialsRoutes(
  deps: credentials.CredentialsDeps &
    Pick<AppDeps, "fileAccess"> & { config: { files: { maxBytes: number } } },
) {
  return async (app: FastifyInstance) => {
    // Multipart only inside this plugin (as in the files module); the upload is hashed and read in memory.
    await app.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: deps.config.files.maxBytes + 1, files: 1, fields: 0, headerPairs: 50 },
    });
    // The signing key exists from the first start on (generated unless the operator supplies one).
    app.addHook("onReady", async () => {
      await credentials.ensureSigningKey(deps);
    });
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["credentials"];

    r.get(
      "/api/files/:id/receipt",
      {
        schema: {
          operationId: "getFileReceipt",
          tags,
          description:
            "The signed receipt of a delivered file (participants and admins; others 404, signed out 401).",
          params: FileParamsSchema,
          response: { 200: ReceiptSchema },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return credentials.getReceipt(deps, {
          fileId: request.params.id,
          viewer: { userId: user.id, isAdmin: isAdmin(user) },
        });
      },
    );

    r.get(
      "/api/verify/keys",
      {
        schema: {
          operationId: "listVerificationKeys",
          tags,
          description: "The marketplace's signing keys, current and retired, with their validity periods.",
          response: { 200: PublicKeyListSchema },
        },
      },
      async () => ({ items: await credentials.listPublicKeys(deps) }),
    );

    r.get(
      "/api/verify/:sha256",
      {
        schema: {
          operationId: "verifyByHash",
          tags,
          description:
            "Public: is there a marketplace credential for a file with this SHA-256? Never names the buyer.",
          params: VerifyHashParamsSchema,
          response: { 200: VerificationSchema },
        },
      },
      async (request) => credentials.verifyHash(deps, request.params.sha256),
    );

    r.post(
      "/api/verify",
      {
        schema: {
          operationId: "verifyUpload",
          tags,
          description:
            "Public: multipart/form-data with one field `file`. Verified when these exact bytes carry a " +
            "marketplace credential; otherwise `reason` says whether an embedded manifest was tampered " +
            "with or signed by an unknown key.",
          consumes: ["multipart/form-data"],
          response: { 200: VerificationSchema },
        },
      },
      async (request) => {
        if (!request.isMultipart()) {
          throw unsupportedMediaType("Send multipart/form-data with one file field named file.");
        }
        const part = await request.file();
        if (!part) throw validationFailed([{ path: FILE_FIELD, message: "is required" }]);
        const bytes = await buffer(part.file);
        if (part.fieldname !== FILE_FIELD) {
          throw validationFailed([{ path: part.fieldname, message: "unknown field" }]);
        }
        if (part.file.truncated || bytes.length > deps.config.files.maxBytes) {
          throw payloadTooLarge(`Files may be at most ${deps.config.files.maxBytes} bytes.`);
        }
        if (bytes.length === 0) throw validationFailed([{ path: FILE_FIELD, message: "is empty" }]);
        return credentials.verifyBytes(deps, bytes);
      },
    );
  };
}
