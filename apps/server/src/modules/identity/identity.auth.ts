import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../platform/deps";
import { AppError, forbidden, notFound, unauthenticated } from "../../platform/errors";
import { isAdmin, type AuthContext, type AuthUser } from "./identity.models";
import { authenticateSession, authenticateToken, csrfTokenFor, type NewSession } from "./identity.usecases";

export const SESSION_COOKIE = "atelier_session";
export const CSRF_COOKIE = "atelier_csrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
    /** Admin routes demand two-factor (configuration; production by default). */
    adminTwoFactor: boolean;
  }
}

const insufficientScope = (scope: string) =>
  forbidden(`This access token lacks the \`${scope}\` scope.`, "insufficient_scope");

/**
 * Resolves the caller from a bearer token or the session cookie on every request, and enforces the
 * CSRF rule for unsafe requests that ride on the cookie: the `X-CSRF-Token` header must equal the
 * token derived from this very session (the readable `atelier_csrf` cookie carries it to the page).
 * Access tokens act within their scopes: `read` for safe methods, `write` for changes, `admin` for
 * admin routes. Every authenticated answer that sets no caching policy of its own gets
 * `Cache-Control: no-store` (private data stays out of shared and browser caches).
 */
export function installAuth(
  app: FastifyInstance,
  deps: Pick<AppDeps, "db" | "clock" | "config" | "state">,
): void {
  app.decorateRequest("auth", null);
  app.decorateRequest("adminTwoFactor", false);
  app.addHook("onSend", (request, reply, payload, done) => {
    if (request.auth && !reply.hasHeader("cache-control")) void reply.header("Cache-Control", "no-store");
    done(null, payload);
  });
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    request.adminTwoFactor = deps.config.auth.requireAdminTwoFactor;
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const auth = await authenticateToken(deps, header.slice("Bearer ".length).trim());
      if (!auth) throw unauthenticated("The access token is not valid.");
      request.auth = auth;
      const needed = UNSAFE.has(request.method) ? "write" : "read";
      if (!auth.scopes?.includes(needed)) throw insufficientScope(needed);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const auth = await authenticateSession(deps, token);
    if (!auth) return;
    request.auth = auth;
    if (UNSAFE.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || sent !== csrfTokenFor(token)) {
        throw forbidden("Missing or wrong X-CSRF-Token header.", "csrf_failed");
      }
    }
  });
}

export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.auth) throw unauthenticated();
  return request.auth.user;
}

/**
 * Routes that change how the account signs in (password, two-factor, passkeys, sessions, deletion)
 * need the browser session: an access token, whatever its scopes, gets 403 `insufficient_scope`. A
 * leaked token can then never plant a credential that outlives its revocation.
 */
export function requireSessionUser(request: FastifyRequest): AuthUser {
  const user = requireUser(request);
  if (request.auth?.via === "token")
    throw forbidden("Access tokens cannot change how the account signs in; sign in.", "insufficient_scope");
  return user;
}

export function requireSeller(request: FastifyRequest): AuthUser {
  const user = requireUser(request);
  if (!user.isSeller) throw forbidden("Become a seller first.", "not_a_seller");
  return user;
}

/**
 * Admin-only routes answer 404 to everyone else: their existence is not public. An admin token needs
 * the `admin` scope; where configured (production), an admin without two-factor gets 403
 * `two_factor_required`.
 */
export function requireAdmin(request: FastifyRequest): AuthUser {
  const user = requireUser(request);
  if (!isAdmin(user)) throw notFound();
  if (request.auth?.via === "token" && !request.auth.scopes?.includes("admin"))
    throw insufficientScope("admin");
  if (request.adminTwoFactor && !user.twoFactor) {
    throw new AppError(
      403,
      "two_factor_required",
      "Two-factor required",
      "Administrators must turn on two-factor sign-in (Settings → Security) before using admin tools.",
    );
  }
  return user;
}

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, session: NewSession): void {
  const secure = request.protocol === "https";
  void reply.setCookie(SESSION_COOKIE, session.token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    expires: session.expiresAt,
  });
  void reply.setCookie(CSRF_COOKIE, session.csrfToken, {
    path: "/",
    httpOnly: false,
    sameSite: "lax",
    secure,
    expires: session.expiresAt,
  });
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: "/" });
  void reply.clearCookie(CSRF_COOKIE, { path: "/" });
}
