import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PUBLIC_OPERATIONS } from "./openapi";

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === etag.replace(/^W\//, "") || tag === "*";
  });
}

/**
 * Public API reads (the operations anyone may call) get an ETag of their body and `Cache-Control:
 * no-cache` (revalidate each time; `private` when the caller is signed in, since the body may differ);
 * a matching If-None-Match is answered 304 without the body. Routes that set their own
 * Cache-Control (images, health) keep it.
 */
export function installPublicCaching(app: FastifyInstance): void {
  // Not async (it waits for nothing): `done` spares a promise on every response.
  app.addHook("onSend", (request, reply, payload, done) => {
    done(null, publicCaching(request, reply, payload));
  });
}

/** The ETag and Cache-Control of a public API read; the payload to send. */
function publicCaching(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if ((request.method !== "GET" && request.method !== "HEAD") || reply.statusCode !== 200) return payload;
  if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
  const operationId = request.routeOptions.schema?.operationId;
  if (!operationId || !PUBLIC_OPERATIONS.has(operationId) || reply.hasHeader("cache-control")) return payload;
  const etag = `W/"${createHash("sha1").update(payload).digest("base64url")}"`;
  const personal = Boolean(request.headers.authorization || request.headers.cookie);
  void reply.header("ETag", etag);
  void reply.header("Cache-Control", personal ? "private, no-cache" : "no-cache");
  void reply.header("Vary", "Cookie, Authorization, Accept-Encoding");
  if (etagMatches(request.headers["if-none-match"], etag)) {
    void reply.code(304);
    return "";
  }
  return payload;
}
