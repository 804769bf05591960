import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import type { Gig } from "@atelier/contracts";
import { Navigate, useParams } from "@tanstack/react-router";
import { ButtonLink } from "../../components/Button";
import { NotFoundState } from "../../components/NotFoundState";
import { PageErrorState } from "../../components/ErrorState";
import { isApiError } from "../../lib/api";
import { gigByAddressQueryOptions, gigQueryOptions } from "../../lib/catalog";
import { usePageTitle } from "../../lib/usePageTitle";
import { GigSkeleton } from "./GigSkeleton";
import { GigView } from "./GigView";

/**
 * A gig at its address `/<username>/<slug>` (the page the server also renders for search engines);
 * at an old `/gigs/<id>` link (or a link that knows only the id), on to that address.
 */
export function GigPage() {
  const { gigId, username = "", slug = "" } = useParams({ strict: false });
  const gig = useQuery(gigId ? gigQueryOptions(gigId) : gigByAddressQueryOptions(username, slug));
  usePageTitle(gig.data?.title ?? "Gig");
  if (gigId && gig.data) {
    return (
      <Navigate
        to="/$username/$slug"
        params={{ username: gig.data.seller.username, slug: gig.data.slug }}
        replace
      />
    );
  }
  return <GigPageBody gig={gig} />;
}

function GigPageBody({ gig }: { gig: UseQueryResult<Gig> }) {
  if (gig.isPending) return <GigSkeleton />;
  if (gig.isError) {
    if (isApiError(gig.error, 404)) {
      return (
        <NotFoundState
          title="This gig isn’t available"
          action={<ButtonLink to="/search">Browse services</ButtonLink>}
        >
          <p>It may have been paused or removed by its seller. Similar services are a search away.</p>
        </NotFoundState>
      );
    }
    return <PageErrorState title="This gig couldn’t load" query={gig} />;
  }
  return <GigView gig={gig.data} />;
}
