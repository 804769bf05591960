import { type Gig } from "@atelier/contracts";
import { SellerLevelBadge } from "../../components/SellerLevelBadge";
import { formatCount, formatRating } from "../../lib/format";

export function GigSummary({ gig }: { gig: Gig }) {
  return (
    <section
      aria-label="Service"
      className="flex gap-4 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5"
    >
      {gig.coverImageUrl ? (
        <img
          src={gig.coverImageUrl}
          alt=""
          className="hidden aspect-[4/3] w-32 shrink-0 rounded-xl object-cover sm:block"
        />
      ) : null}
      <div className="min-w-0">
        <p className="font-medium text-stone-900">{gig.title}</p>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-600">
          <span>by {gig.seller.displayName}</span>
          {gig.seller.level ? <SellerLevelBadge level={gig.seller.level} /> : null}
          {gig.rating.count > 0 && gig.rating.average !== null ? (
            <span>
              <span aria-hidden="true" className="text-amber-600">
                ★
              </span>{" "}
              {formatRating(gig.rating.average)} ({formatCount(gig.rating.count, "review", "reviews")})
            </span>
          ) : null}
        </p>
      </div>
    </section>
  );
}
