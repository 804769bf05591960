import type { Brief } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { ButtonLink } from "../../components/Button";
import { formatDate, formatMoney } from "../../lib/format";
import { briefInboxQueryOptions, myBriefsQueryOptions } from "../../lib/negotiation";
import { usePageTitle } from "../../lib/usePageTitle";

function BriefList({
  briefs,
  base,
  empty,
}: {
  briefs: Brief[];
  base: "/briefs" | "/seller/briefs";
  empty: string;
}) {
  if (briefs.length === 0) return <p className="mt-6 text-stone-600">{empty}</p>;
  return (
    <ul className="mt-6 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
      {briefs.map((brief) => (
        <li key={brief.id} className="p-4">
          <Link
            to={base === "/briefs" ? "/briefs/$briefId" : "/seller/briefs/$briefId"}
            params={{ briefId: brief.id }}
            className="font-semibold text-brand-800 hover:underline"
          >
            {brief.title}
          </Link>
          <p className="mt-1 text-sm text-stone-600">
            {brief.status === "open" ? "Open" : "Closed"} · posted {formatDate(brief.createdAt)}
            {brief.budget ? ` · budget up to ${formatMoney(brief.budget.max)}` : ""}
            {` · ${brief.offers.length} ${brief.offers.length === 1 ? "offer" : "offers"}`}
            {brief.files.length > 0
              ? ` · ${brief.files.length} ${brief.files.length === 1 ? "file" : "files"}`
              : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The buyer's briefs. */
export function BriefsPage() {
  usePageTitle("Your briefs");
  const briefs = useQuery(myBriefsQueryOptions);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Your briefs</h1>
        <ButtonLink to="/briefs/new">Post a brief</ButtonLink>
      </div>
      {briefs.isPending ? (
        <p className="mt-6 text-stone-600">Loading…</p>
      ) : briefs.isError ? (
        <p className="mt-6 text-red-700">Your briefs couldn’t load.</p>
      ) : (
        <BriefList base="/briefs" briefs={briefs.data.data} empty="You haven’t posted a brief yet." />
      )}
    </div>
  );
}

/** The seller's brief inbox: briefs the platform matched to their gigs. */
export function SellerBriefInboxPage() {
  usePageTitle("Brief inbox");
  const briefs = useQuery(briefInboxQueryOptions);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold">Brief inbox</h1>
      <p className="mt-2 text-stone-600">
        Buyers’ briefs that fit your gigs. Answer one with a custom offer.
      </p>
      {briefs.isPending ? (
        <p className="mt-6 text-stone-600">Loading…</p>
      ) : briefs.isError ? (
        <p className="mt-6 text-red-700">Your brief inbox couldn’t load.</p>
      ) : (
        <BriefList base="/seller/briefs" briefs={briefs.data.data} empty="No briefs fit your gigs yet." />
      )}
    </div>
  );
}
