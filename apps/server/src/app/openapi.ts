import {
  CategoryDetailSchema,
  ConversationSchema,
  FileSchema,
  GigCardSchema,
  GigSchema,
  MeSchema,
  MessageSchema,
  MoneySchema,
  NotificationSchema,
  OfferSchema,
  BriefSchema,
  OrderEventSchema,
  OrderSchema,
  ProblemSchema,
  PublicProfileSchema,
  QuoteSchema,
  ReviewSchema,
  WithdrawalSchema,
} from "@atelier/contracts";
import fastifySwagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "../platform/error-codes";

/**
 * The OpenAPI document is derived from the route schemas (fastify-type-provider-zod), then completed
 * here with what every route shares and the schemas cannot say: problem responses, the CSRF and
 * Idempotency-Key headers, the security schemes, and shared schemas as `$ref` components.
 */

/** The response of a route that answers 204. */
export { NoContent } from "../platform/schemas";

/** Schemas written once in `components.schemas` and referenced everywhere else. */
const registry = z.registry<{ id: string }>();
for (const [id, schema] of Object.entries({
  Money: MoneySchema,
  Problem: ProblemSchema,
  Me: MeSchema,
  PublicProfile: PublicProfileSchema,
  CategoryDetail: CategoryDetailSchema,
  Gig: GigSchema,
  GigCard: GigCardSchema,
  File: FileSchema,
  Quote: QuoteSchema,
  Order: OrderSchema,
  OrderEvent: OrderEventSchema,
  Withdrawal: WithdrawalSchema,
  Review: ReviewSchema,
  Conversation: ConversationSchema,
  Message: MessageSchema,
  Notification: NotificationSchema,
  Offer: OfferSchema,
  Brief: BriefSchema,
})) {
  registry.add(schema, { id });
}

/**
 * Operations that anyone may call; every other one needs a signed-in user (session cookie or bearer
 * token). Those marked optional also read who asks (an owner sees more). The OpenAPI test checks
 * each GET against the server: anonymous → 401 exactly when documented so.
 */
export const PUBLIC_OPERATIONS = new Set([
  "health",
  "listVerificationKeys",
  "verifyByHash",
  "verifyUpload",
  "healthLive",
  "healthReady",
  "signup",
  "login",
  "logout",
  "verifyEmail",
  "requestPasswordReset",
  "confirmPasswordReset",
  "passkeyLoginOptions",
  "loginWithPasskey",
  "listCategories",
  "getCategory",
  "getGig",
  "getUserGig",
  "listUserGigs",
  "getPublicProfile",
  "getSitePage",
  "searchGigs",
  "suggestSearch",
  "logSearchClick",
  "quoteOrder",
  "gigReviews",
  "sellerReviews",
  "downloadFile",
  "getFileMeta",
  "downloadFileVariant",
  // Authenticates itself before the upgrade (?token=, bearer or cookie): see its description.
  "openWebSocket",
]);

/** Money-moving operations: they need an `Idempotency-Key` (platform/idempotency.ts). */
export const IDEMPOTENT_OPERATIONS = new Set(["placeOrder", "tipOrder", "withdraw"]);
/**
 * Money-moving operations whose repeat is already refused by state (a milestone accepted twice is
 * 409): an `Idempotency-Key` is optional and, when sent, replays the first answer.
 */
export const OPTIONALLY_IDEMPOTENT_OPERATIONS = new Set(["acceptMilestone"]);

const UNSAFE = new Set(["post", "put", "patch", "delete"]);

function codesWith(status: number): string {
  return (Object.keys(ERROR_CODES) as ErrorCode[])
    .filter((code) => (ERROR_CODES[code].statuses as readonly number[]).includes(status))
    .map((code) => `\`${code}\``)
    .join(", ");
}

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** Shared problem responses, each listing the codes it may carry (see /api/docs/errors). */
const RESPONSES = {
  BadRequest: problemResponse(`The request is not valid: ${codesWith(400)}.`),
  Unauthenticated: problemResponse(`Not signed in: ${codesWith(401)}.`),
  Forbidden: problemResponse(`Refused: ${codesWith(403)}.`),
  NotFound: problemResponse("`not_found`: it does not exist or is not visible to you."),
  Conflict: problemResponse(`The current state does not allow this: ${codesWith(409)}.`),
  PayloadTooLarge: problemResponse("`payload_too_large`."),
  UnsupportedMediaType: problemResponse("`unsupported_media_type`."),
  IdempotencyKeyReused: problemResponse("`idempotency_key_reused`."),
  Problem: problemResponse(
    "Any other refusal, as problem+json with a stable `code`: see /api/docs/errors for every code.",
  ),
};
const ref = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/responses/${name}` });

interface Operation {
  operationId?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: unknown }>;
  security?: Record<string, string[]>[];
  summary?: string;
  description?: string;
}

/** Completes one operation of the generated document (see the module comment). */
function completeOperation(method: string, path: string, op: Operation): void {
  const id = op.operationId ?? `${method} ${path}`;
  const isPublic = PUBLIC_OPERATIONS.has(id);
  op.summary ??= id.replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase());
  op.security = isPublic
    ? [{}, { session: [] }, { bearerToken: [] }]
    : [{ session: [] }, { bearerToken: [] }];

  const headers: Record<string, unknown>[] = [];
  if (UNSAFE.has(method)) {
    headers.push({
      in: "header",
      name: "X-CSRF-Token",
      required: false,
      description:
        "Required when authenticated by the session cookie: the value of the `atelier_csrf` cookie " +
        "(403 `csrf_failed` otherwise). Not needed with a bearer token.",
      schema: { type: "string" },
    });
  }
  if (IDEMPOTENT_OPERATIONS.has(id) || OPTIONALLY_IDEMPOTENT_OPERATIONS.has(id)) {
    headers.push({
      in: "header",
      name: "Idempotency-Key",
      required: IDEMPOTENT_OPERATIONS.has(id),
      description:
        "A key of 1 to 255 characters chosen by the client for this purchase. A retry with the same " +
        "key and parameters answers the stored response (with `Idempotent-Replayed: true`); other " +
        "parameters → 422, while the first is still running → 409. Keys expire after 24 hours.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  if (headers.length > 0) op.parameters = [...(op.parameters ?? []), ...(headers as never[])];

  for (const [status, response] of Object.entries(op.responses)) {
    if (!response.description || response.description === "Default Response") {
      response.description = status === "204" ? "No content" : "Success";
    }
    if (status === "204") delete response.content;
  }
  const add = (status: string, name: keyof typeof RESPONSES) => {
    op.responses[status] ??= ref(name) as never;
  };
  add("400", "BadRequest");
  if (!isPublic) add("401", "Unauthenticated");
  if (UNSAFE.has(method) || id === "openWebSocket") add("403", "Forbidden");
  if (path.includes("{") || path.startsWith("/api/admin/")) add("404", "NotFound");
  if (UNSAFE.has(method)) add("409", "Conflict");
  if (op.requestBody) {
    add("413", "PayloadTooLarge");
    add("415", "UnsupportedMediaType");
  }
  if (IDEMPOTENT_OPERATIONS.has(id) || OPTIONALLY_IDEMPOTENT_OPERATIONS.has(id))
    add("422", "IdempotencyKeyReused");
  add("4XX", "Problem");
}

/** Operations the zod schemas cannot describe: bodies that are not JSON. */
function completeSpecialOperations(paths: Record<string, Record<string, Operation>>): void {
  const upload = paths["/api/files"]?.post;
  if (upload) {
    upload.requestBody = {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            additionalProperties: false,
            properties: { file: { type: "string", format: "binary", description: "The file (one)." } },
          },
        },
      },
    };
  }
  const bytes = {
    description: "The file's bytes, with its type, ETag and Content-Disposition (304 on If-None-Match).",
    content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
  };
  for (const path of ["/api/files/{id}", "/api/files/{id}/variants/{variant}"]) {
    const op = paths[path]?.get;
    if (op) op.responses = { "200": bytes, "304": { description: "Not modified" } };
  }
  const pdf = {
    description: "The PDF document (`Content-Disposition: attachment`).",
    content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
  };
  for (const path of ["/api/orders/{id}/invoice", "/api/orders/{id}/evidence"]) {
    const op = paths[path]?.get;
    if (op) op.responses = { "200": pdf };
  }
  const socket = paths["/api/ws"]?.get;
  if (socket) {
    socket.responses = {
      "101": { description: "Switching protocols: the WebSocket is open." },
      "426": problemResponse("`upgrade_required`: a plain HTTP GET."),
    };
  }
}

/**
 * The zod registry emits an input twin (`MoneyInput`) of every shared schema; those no operation
 * reads are dropped (repeatedly: a dropped schema may have held the last reference to another).
 */
function dropUnusedSchemas(doc: { components?: Record<string, unknown> }): void {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  for (;;) {
    const text = JSON.stringify(doc);
    const unused = Object.keys(schemas).filter((name) => !text.includes(`"#/components/schemas/${name}"`));
    if (unused.length === 0) return;
    for (const name of unused) delete schemas[name];
  }
}

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  const toObject = createJsonSchemaTransformObject({ schemaRegistry: registry });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Atelier API",
        version,
        description:
          "The HTTP contract of the Atelier marketplace. Errors are RFC 9457 problem+json with a stable " +
          "`code`, listed at /api/docs/errors.",
        license: { name: "MIT", identifier: "MIT" },
      },
      servers: [{ url: "/", description: "This server" }],
      components: {
        securitySchemes: {
          session: {
            type: "apiKey",
            in: "cookie",
            name: "atelier_session",
            description:
              "The session cookie set by signup and login. Changes (POST, PUT, PATCH, DELETE) also need " +
              "the `X-CSRF-Token` header equal to the `atelier_csrf` cookie.",
          },
          bearerToken: {
            type: "http",
            scheme: "bearer",
            description: "A personal access token (`atl_pat_…`, from POST /api/auth/tokens).",
          },
        },
      },
    },
    transform: createJsonSchemaTransform({ schemaRegistry: registry }),
    transformObject: (documentObject) => {
      const doc = toObject(documentObject) as {
        paths?: Record<string, Record<string, Operation>>;
        components?: Record<string, unknown>;
      };
      const paths = doc.paths ?? {};
      completeSpecialOperations(paths);
      for (const [path, ops] of Object.entries(paths)) {
        for (const [method, op] of Object.entries(ops)) completeOperation(method, path, op);
      }
      doc.components = { ...doc.components, responses: RESPONSES };
      dropUnusedSchemas(doc);
      return doc;
    },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders ERROR_CODES as a self-contained page; each code is an anchor (`#<code>`). */
export function errorReferenceHtml(): string {
  const rows = (Object.keys(ERROR_CODES) as ErrorCode[])
    .map((code) => {
      const { statuses, meaning } = ERROR_CODES[code];
      const text = escapeHtml(meaning).replace(/`([^`]+)`/g, "<code>$1</code>");
      return `<tr id="${code}"><td><a href="#${code}"><code>${code}</code></a></td><td>${statuses.join(", ")}</td><td>${text}</td></tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Atelier API errors</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; color: #1c1917; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid #e7e5e4; }
tr:target { background: #fef3c7; }
code { font-size: .95em; }
</style>
</head>
<body>
<main>
<h1>Atelier API errors</h1>
<p>Every error is an RFC 9457 problem (<code>application/problem+json</code>):
<code>{ "type": "/api/docs/errors#&lt;code&gt;", "title", "status", "code", "detail", "errors"? }</code>.
Programs should branch on <code>code</code>, which is stable; <code>title</code> and <code>detail</code> are for people.
<code>validation_failed</code> lists each invalid field in <code>errors</code> as <code>{ path, message }</code>.
The API itself is described at <a href="/api/docs">/api/docs</a> (<a href="/api/openapi.json">OpenAPI</a>).</p>
<table>
<thead><tr><th scope="col">code</th><th scope="col">status</th><th scope="col">meaning</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}

/** `GET /api/docs/errors`: where every problem's `type` points. */
export function registerErrorReference(app: FastifyInstance): void {
  const html = errorReferenceHtml();
  app.get("/api/docs/errors", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").header("Cache-Control", "public, max-age=300").send(html),
  );
}
