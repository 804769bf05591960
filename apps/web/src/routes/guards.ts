import { QueryClient } from "@tanstack/react-query";
import { redirect, type ParsedLocation } from "@tanstack/react-router";
import { meQueryOptions } from "../lib/session";

/**
 * `beforeLoad` of every private page: signed-out visitors go to sign-in and come back here
 * afterwards. Decided before the page renders, so no private page flashes on screen; the page's
 * `SignedIn` wrapper covers a session that ends while the page is open.
 */
export async function requireSignedIn({ context, location }: { context: unknown; location: ParsedLocation }) {
  // The root route's context (RouterContext) carries the query client; route factories are generic over it.
  const queryClient =
    typeof context === "object" && context !== null && "queryClient" in context ? context.queryClient : null;
  if (!(queryClient instanceof QueryClient)) return;
  const me = await queryClient.ensureQueryData(meQueryOptions);
  // TanStack Router redirects by throwing its own redirect object.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (!me) throw redirect({ to: "/login", search: { redirect: location.href } });
}
