import { type Gig, type Me } from "@atelier/contracts";
import { ButtonLink } from "../../components/Button";

export function PublishOutcome({ gig, me }: { gig: Gig; me: Me }) {
  if (gig.status === "active") {
    return (
      <div role="status" className="rounded-2xl border border-brand-200 bg-brand-50 p-5">
        <p className="font-display text-xl font-semibold text-brand-900">Your gig is live</p>
        <p className="mt-1 text-brand-900">Buyers can find it in search and on your profile now.</p>
        <div className="mt-4 flex flex-wrap gap-3">
          <ButtonLink to="/$username/$slug" params={{ username: gig.seller.username, slug: gig.slug }}>
            View your gig
          </ButtonLink>
          <ButtonLink to="/users/$username" params={{ username: me.username }} variant="secondary">
            View your profile
          </ButtonLink>
          <ButtonLink to="/seller/gigs" variant="ghost">
            Go to my gigs
          </ButtonLink>
        </div>
      </div>
    );
  }
  if (gig.status === "pending_review") {
    return (
      <div role="status" className="rounded-2xl border border-sky-200 bg-sky-50 p-5 text-sky-950">
        <p className="font-display text-xl font-semibold">Sent for review</p>
        <p className="mt-1">
          A moderator will look at your gig before it is listed. You’ll see the outcome in My gigs.
          {gig.moderationReason ? ` Reason: ${gig.moderationReason}` : ""}
        </p>
      </div>
    );
  }
  if (gig.status === "denied") {
    return (
      <div className="rounded-2xl border border-red-200 bg-red-50 p-5 text-red-900">
        <p className="font-semibold">A moderator turned this gig down</p>
        {gig.moderationReason ? <p className="mt-1">Reason: {gig.moderationReason}</p> : null}
        <p className="mt-1">Edit what they pointed out, then publish again.</p>
      </div>
    );
  }
  return null;
}
