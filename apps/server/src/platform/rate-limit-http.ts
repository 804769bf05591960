import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../db/client";
import type { Clock } from "./clock";
import { rateLimited } from "./errors";
import { consume, rateLimitHeaders, type RateLimitName, type RateLimitRules } from "./rate-limit";

/** A route (method and URL pattern as registered) and the limit it counts against. */
export interface LimitedRoute {
  method: string;
  url: string;
  limit: RateLimitName;
}

/** The routes under the general request limits. */
export const LIMITED_ROUTES: readonly LimitedRoute[] = [
  { method: "POST", url: "/api/auth/signup", limit: "signup" },
  { method: "POST", url: "/api/auth/login", limit: "login" },
  { method: "POST", url: "/api/auth/passkeys/login", limit: "login" },
  { method: "POST", url: "/api/auth/password-reset", limit: "password_reset" },
  { method: "POST", url: "/api/auth/password-reset/confirm", limit: "password_reset" },
  { method: "POST", url: "/api/reports", limit: "reports" },
  // An appeal checks a password: it counts as a sign-in attempt.
  { method: "POST", url: "/api/appeals", limit: "login" },
  { method: "POST", url: "/api/files", limit: "uploads" },
  { method: "POST", url: "/api/conversations", limit: "messages" },
  { method: "POST", url: "/api/conversations/:id/messages", limit: "messages" },
  { method: "GET", url: "/api/search/gigs", limit: "search" },
  { method: "GET", url: "/api/search/suggest", limit: "search" },
];

/**
 * Counts requests to the limited routes per signed-in user (else per client IP) in counters kept in
 * the database, answers every counted response with `RateLimit` and `RateLimit-Policy` headers, and
 * refuses past the limit with 429 `rate_limited` and `Retry-After`. Runs before validation, so bad
 * requests count too.
 */
export function installRateLimits(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; config: { rateLimits: RateLimitRules } },
  routes: readonly LimitedRoute[] = LIMITED_ROUTES,
): void {
  const byRoute = new Map(routes.map((r) => [`${r.method} ${r.url}`, r.limit]));
  const keyOf = (request: FastifyRequest) =>
    request.auth ? `user:${request.auth.user.id}` : `ip:${request.ip}`;
  app.addHook("preValidation", async (request, reply) => {
    const name = byRoute.get(`${request.method} ${request.routeOptions.url ?? ""}`);
    if (!name) return;
    const rule = deps.config.rateLimits[name];
    const outcome = await consume(deps.db, name, rule, keyOf(request), deps.clock.now());
    const headers = rateLimitHeaders(name, rule, outcome);
    for (const [header, value] of Object.entries(headers)) void reply.header(header, value);
    if (!outcome.allowed)
      throw rateLimited(outcome.resetsIn, `Too many requests (${name}); try again later.`);
  });
}
