import { createRoute, type AnyRoute } from "@tanstack/react-router";
import { VerifyPage } from "./VerifyPage";

/** The public verification page, as a child of `parent` (the root route). */
export function verifyRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [createRoute({ getParentRoute: () => parent, path: "verify", component: VerifyPage })] as const;
}
