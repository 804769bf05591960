import { GigSchema } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { ButtonLink } from "../../components/Button";
import { NotFoundState } from "../../components/NotFoundState";
import { PageErrorState } from "../../components/ErrorState";
import { api, isApiError, read } from "../../lib/api";
import { usePageTitle } from "../../lib/usePageTitle";
import { CheckoutOrPaid } from "./CheckoutOrPaid";
import { CheckoutSkeleton } from "./CheckoutSkeleton";
import { route } from "./checkoutHelpers";

export function CheckoutPage() {
  const { gigId } = route.useParams();
  const gig = useQuery({
    queryKey: ["checkout", "gig", gigId],
    queryFn: ({ signal }) =>
      read(GigSchema, api.GET("/api/gigs/{id}", { params: { path: { id: gigId } }, signal })),
  });
  usePageTitle(gig.data ? `Checkout: ${gig.data.title}` : "Checkout");

  if (gig.isPending) return <CheckoutSkeleton />;
  if (gig.isError) {
    if (isApiError(gig.error, 404)) {
      return (
        <NotFoundState
          title="This service isn’t available"
          action={<ButtonLink to="/search">Browse services</ButtonLink>}
        >
          <p>The seller may have paused or removed it. Similar services are a search away.</p>
        </NotFoundState>
      );
    }
    return <PageErrorState title="Checkout couldn’t load" query={gig} />;
  }
  return <CheckoutOrPaid gig={gig.data} />;
}
