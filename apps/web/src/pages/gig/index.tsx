import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { ButtonLink } from "../../components/Button";
import { NotFoundState } from "../../components/NotFoundState";
import { PageErrorState } from "../../components/ErrorState";
import { isApiError } from "../../lib/api";
import { gigQueryOptions } from "../../lib/catalog";
import { usePageTitle } from "../../lib/usePageTitle";
import { GigSkeleton } from "./GigSkeleton";
import { GigView } from "./GigView";

const route = getRouteApi("/gigs/$gigId");

export function GigPage() {
  const { gigId } = route.useParams();
  const gig = useQuery(gigQueryOptions(gigId));
  usePageTitle(gig.data?.title ?? "Gig");

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
