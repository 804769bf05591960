import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../platform/deps";
import { forbidden, notFound, unauthenticated } from "../../platform/errors";
import { isAdmin, type AuthContext, type AuthUser } from "./identity.models";
import { authenticateSession, authenticateToken, type NewSession } from "./identity.usecases";

export const SESSION_COOKIE = "atelier_session";
export const CSRF_COOKIE = "atelier_csrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/**
 * Resolves the caller from a bearer token or the session cookie on every request, and enforces the
 * CSRF double-submit rule for unsafe requests that ride on the cookie.
 */
export function installAuth(app: FastifyInstance, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const auth = await authenticateToken(deps, header.slice("Bearer ".length).trim());
      if (!auth) throw unauthenticated("The access token is not valid.");
      request.auth = auth;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const auth = await authenticateSession(deps, token);
    if (!auth) return;
    request.auth = auth;
    if (UNSAFE.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      const expected = request.cookies[CSRF_COOKIE];
      if (typeof sent !== "string" || !expected || sent !== expected) {
        throw forbidden("Missing or wrong X-CSRF-Token header.", "csrf_failed");
      }
    }
  });
}

export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.auth) throw unauthenticated();
  return request.auth.user;
}

export function requireSeller(request: FastifyRequest): AuthUser {
  const user = requireUser(request);
  if (!user.isSeller) throw forbidden("Become a seller first.", "not_a_seller");
  return user;
}

/** Admin-only routes answer 404 to everyone else: their existence is not public. */
export function requireAdmin(request: FastifyRequest): AuthUser {
  const user = requireUser(request);
  if (!isAdmin(user)) throw notFound();
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
