import { existsSync } from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { badRequest, notFound } from "../platform/errors";
import { newId } from "../platform/ids";
import { installAuth } from "../modules/identity/identity.auth";
import type { AppDeps } from "./deps";
import { installErrorHandler } from "./error-handler";
import { registerModules } from "./modules";

export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Builds the HTTP application: the request pipeline is
 * request id → security headers → cookies → auth + CSRF → zod validation → route → problem+json errors.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: () => newId("req"),
    requestIdHeader: false,
    trustProxy: process.env.ATELIER_TRUST_PROXY === "1",
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // An empty body with a JSON content type is "no body" (action endpoints such as /publish).
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(badRequest("malformed_json", "The request body is not valid JSON."), undefined);
    }
  });

  app.addHook("onRequest", async (request, reply) => {
    void reply.header("X-Request-Id", request.id);
  });

  await app.register(fastifyHelmet, {
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
  await app.register(fastifyCookie);
  installAuth(app, deps);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Atelier API",
        version: deps.config.version,
        description: "The HTTP contract of the Atelier marketplace. Errors are RFC 9457 problem+json.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "atelier_session" },
          token: { type: "http", scheme: "bearer" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  registerModules(app, deps);

  const webDist = deps.config.webDistDir;
  const hasWeb = existsSync(path.join(webDist, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, prefix: "/", wildcard: false, index: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith("/api/") || request.url === "/api" || request.method !== "GET" || !hasWeb) {
      throw notFound();
    }
    // The single-page app owns every other path; it renders its own 404 page.
    return reply.type("text/html; charset=utf-8").sendFile("index.html");
  });

  return app;
}
