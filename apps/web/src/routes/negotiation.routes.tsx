import { lazy } from "react";
import { createRoute, getRouteApi, type AnyRoute } from "@tanstack/react-router";
import { SignedIn } from "../components/SignedIn";
import { requireSignedIn } from "./guards";

// Route-level code splitting: each page is its own chunk, loaded when its route renders.
const BriefFormPage = lazy(() =>
  import("../pages/briefs/BriefFormPage").then((m) => ({ default: m.BriefFormPage })),
);
const BriefsPage = lazy(() => import("../pages/briefs/BriefsPage").then((m) => ({ default: m.BriefsPage })));
const SellerBriefInboxPage = lazy(() =>
  import("../pages/briefs/BriefsPage").then((m) => ({ default: m.SellerBriefInboxPage })),
);
const BriefPage = lazy(() => import("../pages/briefs/BriefPage").then((m) => ({ default: m.BriefPage })));

const buyerBriefApi = getRouteApi("/briefs/$briefId");
const sellerBriefApi = getRouteApi("/seller/briefs/$briefId");

function BuyerBriefRoute() {
  const { briefId } = buyerBriefApi.useParams();
  return <BriefPage briefId={briefId} />;
}

function SellerBriefRoute() {
  const { briefId } = sellerBriefApi.useParams();
  return <BriefPage briefId={briefId} />;
}

/** Briefs (the buyer's, and the seller's brief inbox), as children of `parent` (the root route). */
export function negotiationRoutes<TParent extends AnyRoute>(parent: TParent) {
  const briefs = createRoute({
    getParentRoute: () => parent,
    path: "briefs",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <BriefsPage />
      </SignedIn>
    ),
  });
  const newBrief = createRoute({
    getParentRoute: () => parent,
    path: "briefs/new",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <BriefFormPage />
      </SignedIn>
    ),
  });
  const brief = createRoute({
    getParentRoute: () => parent,
    path: "briefs/$briefId",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <BuyerBriefRoute />
      </SignedIn>
    ),
  });
  const inbox = createRoute({
    getParentRoute: () => parent,
    path: "seller/briefs",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <SellerBriefInboxPage />
      </SignedIn>
    ),
  });
  const sellerBrief = createRoute({
    getParentRoute: () => parent,
    path: "seller/briefs/$briefId",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <SellerBriefRoute />
      </SignedIn>
    ),
  });
  return [briefs, newBrief, brief, inbox, sellerBrief] as const;
}
