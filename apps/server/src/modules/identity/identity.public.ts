// The identity module's facade for other modules (re-exports only): route guards and the signed-in
// user's shape. Everything else stays inside identity; its use-cases are in identity.usecases.ts.
export { requireAdmin, requireSeller, requireUser, SESSION_COOKIE } from "./identity.auth";
export { isAdmin, type AuthUser } from "./identity.models";
