import { lazy } from "react";
import { createRoute, getRouteApi, type AnyRoute } from "@tanstack/react-router";
import { requireSignedIn } from "./guards";

// Route-level code splitting: each page is its own chunk, loaded when its route renders.
const InboxPage = lazy(() => import("../pages/inbox").then((m) => ({ default: m.InboxPage })));
const NotificationSettingsPage = lazy(() =>
  import("../pages/NotificationSettingsPage").then((m) => ({ default: m.NotificationSettingsPage })),
);

export interface InboxSearch {
  /** Open (or start) the conversation with this user. */
  to?: string;
  /** …about this gig. */
  gigId?: string;
}

function shortText(value: unknown, max: number): string | undefined {
  return typeof value === "string" && value.trim() !== "" && value.length <= max ? value.trim() : undefined;
}

function validateInboxSearch(search: Record<string, unknown>): InboxSearch {
  const result: InboxSearch = {};
  const to = shortText(search.to, 60);
  if (to) result.to = to;
  const gigId = shortText(search.gigId, 64);
  if (gigId) result.gigId = gigId;
  return result;
}

const inboxApi = getRouteApi("/inbox");
const conversationApi = getRouteApi("/inbox/$conversationId");

function InboxRoute() {
  const search = inboxApi.useSearch();
  return <InboxPage to={search.to} gigId={search.gigId} />;
}

function ConversationRoute() {
  const { conversationId } = conversationApi.useParams();
  return <InboxPage conversationId={conversationId} />;
}

/** The inbox and the notification settings, as children of `parent` (the root route). */
export function messagingRoutes<TParent extends AnyRoute>(parent: TParent) {
  const inbox = createRoute({
    getParentRoute: () => parent,
    path: "inbox",
    validateSearch: validateInboxSearch,
    beforeLoad: requireSignedIn,
    component: InboxRoute,
  });
  const conversation = createRoute({
    getParentRoute: () => parent,
    path: "inbox/$conversationId",
    beforeLoad: requireSignedIn,
    component: ConversationRoute,
  });
  const notificationSettings = createRoute({
    getParentRoute: () => parent,
    path: "settings/notifications",
    beforeLoad: requireSignedIn,
    component: NotificationSettingsPage,
  });
  return [inbox, conversation, notificationSettings] as const;
}
