/**
 * Identity's public face for other modules: who is asking, and the checks routes make. Other
 * modules import from here (or `identity.usecases.ts`), never the repository.
 */
export { requireAdmin, requireSeller, requireUser, SESSION_COOKIE } from "./identity.auth";
export { isAdmin, type AuthContext, type AuthUser } from "./identity.models";
export {
  announceRevocation,
  authenticateSession,
  authenticateToken,
  createIdentityState,
} from "./identity.usecases";
