import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { constants as zlibConstants } from "node:zlib";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import helmet from "helmet";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { badRequest, notFound, validationFailed } from "../platform/errors";
import { newId } from "../platform/ids";
import { installAuth } from "../modules/identity/identity.auth";
import { installRateLimits } from "../platform/rate-limit-http";
import type { AppDeps } from "../platform/deps";
import { clientErrorHandler, frameworkErrorHandler, installErrorHandler } from "./error-handler";
import { installPublicCaching } from "./http-caching";
import { registerModules } from "./modules";
import { registerErrorReference, registerOpenApi } from "./openapi";

export const JSON_BODY_LIMIT = 1024 * 1024;

/** An incoming request id is honoured when it is 1–128 of these characters. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Hashed build assets (`/assets/name-<hash>.js`) never change under their name. */
const IMMUTABLE = "public, max-age=31536000, immutable";

const NUL = "\u0000";

/** The path of the first string (or key) holding U+0000, which PostgreSQL text cannot store. */
function pathOfNul(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return value.includes(NUL) ? path : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return here.replaceAll(NUL, "");
    const found = pathOfNul(item, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

type SecurityHeaderOp = [name: string, value: string | null];

/**
 * What a helmet middleware does to a response, recorded once against a stand-in response: with the
 * options below every header is a constant (no nonces, nothing read from the request), so replaying
 * the record on each response is the middleware's work without its chain of calls (a dozen
 * middlewares, each with its own `next`). A middleware that does not finish at once, or whose
 * headers differ from one run to the next, is refused at start.
 */
function recordSecurityHeaders(middleware: ReturnType<typeof helmet>): SecurityHeaderOp[] {
  const record = () => {
    const ops: SecurityHeaderOp[] = [];
    const recorder = {
      setHeader: (name: string, value: unknown) => ops.push([name, String(value)]),
      removeHeader: (name: string) => ops.push([name, null]),
    };
    let finished = false;
    middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
      if (err) throw err instanceof Error ? err : new Error("the security headers middleware failed");
      finished = true;
    });
    if (!finished) throw new Error("the security headers middleware did not finish synchronously");
    return ops;
  };
  const ops = record();
  // A directive computed per response (a nonce, say) would differ between two runs: such a policy
  // cannot be recorded, and must run per request again.
  if (JSON.stringify(record()) !== JSON.stringify(ops))
    throw new Error("the security headers differ between responses; they cannot be recorded once");
  return ops;
}

/**
 * Builds the HTTP application: the request pipeline is
 * request id → security headers → cookies → auth + CSRF → zod validation → route → problem+json errors.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: JSON_BODY_LIMIT,
    // A proxy's or client's X-Request-Id is kept (when it looks like an id), echoed and logged.
    genReqId: (raw) => {
      const given = raw.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : newId("req");
    },
    requestIdHeader: false,
    trustProxy: deps.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // Errors from below the routes are problem+json too (app/error-handler.ts).
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // JSON only: Fastify's default text/plain parser would let a form post reach the routes (→ 415).
  app.removeContentTypeParser("text/plain");
  // An empty body with a JSON content type is "no body" (action endpoints such as /publish).
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      done(badRequest("malformed_json", "The request body is not valid JSON."), undefined);
      return;
    }
    // In JSON a NUL can only be written as the escape, so most bodies skip the walk.
    const nulAt = text.includes("\\u0000") ? pathOfNul(parsed, "") : undefined;
    if (nulAt !== undefined) {
      done(validationFailed([{ path: nulAt, message: "must not contain NUL characters" }]), undefined);
      return;
    }
    done(null, parsed);
  });

  // Hooks that do not wait for anything take `done` rather than being async: no promise and no extra
  // turn of the microtask queue on every request.
  app.addHook("onRequest", (request, reply, done) => {
    void reply.header("X-Request-Id", request.id);
    done();
  });

  // Built once: @fastify/helmet rebuilds the middleware (and re-parses the policy) on every request;
  // and its headers recorded once (recordSecurityHeaders): they are the same on every response.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'", "ws:", "wss:"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: deps.config.production,
    frameguard: { action: "deny" },
  });
  const securityHeaderOps = recordSecurityHeaders(securityHeaders);
  app.addHook("onRequest", (_request, reply, done) => {
    const res = reply.raw;
    for (const [name, value] of securityHeaderOps) {
      if (value === null) res.removeHeader(name);
      else res.setHeader(name, value);
    }
    done();
  });
  // Shutdown drains: requests in flight finish, and their keep-alive connections close after the
  // response (idle ones are closed by Fastify at once), so close() does not wait for keep-alive timeouts.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing) void reply.header("Connection", "close");
    done(null, payload);
  });
  app.addHook("onResponse", (request, reply, done) => {
    deps.metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  // ETags first, then compression of what is sent (both are onSend hooks, run in this order).
  installPublicCaching(app);
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ["br", "gzip"],
    // Quality 4: most of brotli's gain for a fraction of its default (11) cost per response.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie);
  installAuth(app, deps);
  installRateLimits(app, deps);
  app.addHook("preValidation", (request, _reply, done) => {
    // Decoded into a parameter, %00 would reach the database as text it cannot store (a 500).
    done(
      request.url.includes("%00")
        ? badRequest("bad_request", "The URL contains a NUL character.")
        : undefined,
    );
  });

  await registerOpenApi(app, deps.config.version);
  registerErrorReference(app);
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  registerModules(app, deps);

  const webDist = deps.config.webDistDir;
  const hasWeb = existsSync(path.join(webDist, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: "/",
      wildcard: false,
      index: false,
      // Source maps are not built; should one be there, production does not serve it.
      allowedPath: (pathName) => !(deps.config.production && pathName.endsWith(".map")),
      setHeaders: (res, filePath) => {
        const hashed = filePath.startsWith(path.join(webDist, "assets") + path.sep);
        void res.header("Cache-Control", hashed ? IMMUTABLE : "no-cache");
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith("/api/") || request.url === "/api" || request.method !== "GET" || !hasWeb) {
      throw notFound();
    }
    // The single-page app owns every other path; it renders its own 404 page.
    return reply.type("text/html; charset=utf-8").header("Cache-Control", "no-cache").sendFile("index.html");
  });

  return app;
}
