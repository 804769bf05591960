import { createRoute, type AnyRoute } from "@tanstack/react-router";
import { lazy } from "react";

// Its own chunk, loaded when the route renders.
const VerifyPage = lazy(() => import("./VerifyPage").then((m) => ({ default: m.VerifyPage })));

/** The public verification page, as a child of `parent` (the root route). */
export function verifyRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [createRoute({ getParentRoute: () => parent, path: "verify", component: VerifyPage })] as const;
}
