import { type Gig } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";

/** The way back to the service and the page's heading, the same before and after paying. */
export function CheckoutHeader({ gig }: { gig: Gig }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link
          to="/$username/$slug"
          params={{ username: gig.seller.username, slug: gig.slug }}
          className="hover:text-brand-800 hover:underline"
        >
          ← Back to the service
        </Link>
      </nav>
      <h1 className="mt-3 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Checkout
      </h1>
    </>
  );
}
