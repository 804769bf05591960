import type { Gig, GigStatus, PackageTier } from "@atelier/contracts";
import { ReportButton } from "../../components/report/ReportButton";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { ButtonLink } from "../../components/Button";
import { formatCount, formatMoney } from "../../lib/format";
import { useMe } from "../../lib/session";
import { AiNote } from "./AiNote";
import { Gallery } from "./Gallery";
import { GigReviews } from "./GigReviews";
import { PackageBox } from "./PackageBox";
import { PackageTable } from "./PackageTable";
import { Section } from "./Section";
import { SellerCard } from "./SellerCard";
import { SellerLine } from "./SellerLine";

const STATUS_NOTES: Partial<Record<GigStatus, string>> = {
  draft: "This gig is a draft. Only you can see it until you publish it.",
  paused: "This gig is paused. Buyers can’t find or order it until you publish it again.",
  pending_review: "This gig is waiting for a moderator. It appears in search once approved.",
  denied: "A moderator turned this gig down. Edit it and publish it again.",
  archived: "This gig is archived and no longer listed.",
};

export function GigView({ gig }: { gig: Gig }) {
  const me = useMe();
  const isOwner = me.data?.username === gig.seller.username;
  const [tier, setTier] = useState<PackageTier>("basic");
  const statusNote = gig.status === "active" ? undefined : STATUS_NOTES[gig.status];

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1.5 text-stone-600">
          {gig.category.parent ? (
            <li className="flex items-center gap-1.5">
              <Link
                to="/search"
                search={{ category: gig.category.parent.slug }}
                className="hover:text-brand-800 hover:underline"
              >
                {gig.category.parent.name}
              </Link>
              <span aria-hidden="true">/</span>
            </li>
          ) : null}
          <li>
            <Link
              to="/search"
              search={{ category: gig.category.slug }}
              className="hover:text-brand-800 hover:underline"
            >
              {gig.category.name}
            </Link>
          </li>
        </ol>
      </nav>

      {statusNote ? (
        <div
          role="status"
          className="mt-4 flex flex-col gap-3 rounded-2xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 sm:flex-row sm:items-center sm:justify-between"
        >
          <div>
            <p className="font-medium">{statusNote}</p>
            {gig.moderationReason ? <p className="mt-1">Reason: {gig.moderationReason}</p> : null}
          </div>
          {isOwner ? (
            <ButtonLink
              to="/seller/gigs/$gigId/edit"
              params={{ gigId: gig.id }}
              variant="secondary"
              size="sm"
            >
              Edit gig
            </ButtonLink>
          ) : null}
        </div>
      ) : null}

      <div className="mt-4 grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-12">
        <div className="min-w-0 space-y-6">
          <h1 className="font-display text-3xl leading-tight font-semibold tracking-tight text-balance text-stone-900 sm:text-4xl">
            {gig.title}
          </h1>
          <SellerLine gig={gig} />
          <ReportButton subject={{ type: "gig", id: gig.id }} />
          <Gallery gig={gig} />
        </div>

        <aside
          aria-label="Order this gig"
          className="lg:sticky lg:top-24 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start"
        >
          <PackageBox gig={gig} tier={tier} onTier={setTier} isOwner={isOwner} />
        </aside>

        <div className="min-w-0 space-y-12">
          <Section title="About this gig">
            <p className="leading-relaxed whitespace-pre-line text-stone-700">{gig.description}</p>
            <AiNote aiUse={gig.aiUse} tools={gig.aiTools} />
            {gig.tags.length > 0 ? (
              <ul aria-label="Tags" className="mt-5 flex flex-wrap gap-2">
                {gig.tags.map((tag) => (
                  <li key={tag}>
                    <Link
                      to="/search"
                      search={{ q: tag }}
                      className="rounded-full border border-stone-200 bg-white px-3 py-1 text-sm text-stone-700 hover:border-brand-300 hover:bg-brand-50 hover:text-brand-800"
                    >
                      {tag}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>

          {gig.packages.length > 1 ? (
            <Section title="Compare packages">
              <PackageTable gig={gig} onChoose={setTier} />
            </Section>
          ) : null}

          {gig.extras.length > 0 ? (
            <Section title="Extras">
              <p className="text-stone-600">Add these at checkout.</p>
              <ul className="mt-4 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
                {gig.extras.map((extra) => (
                  <li key={extra.id} className="flex items-center justify-between gap-4 px-5 py-4">
                    <div>
                      <p className="font-medium text-stone-900">{extra.title}</p>
                      <p className="text-sm text-stone-600">
                        {extra.additionalDays > 0
                          ? `Adds ${formatCount(extra.additionalDays, "day", "days")} to delivery`
                          : extra.additionalDays < 0
                            ? `Delivers ${formatCount(-extra.additionalDays, "day", "days")} sooner (at least 1 day)`
                            : "No extra time"}
                      </p>
                    </div>
                    <p className="shrink-0 font-semibold text-stone-900">+{formatMoney(extra.price)}</p>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}

          {gig.faq.length > 0 ? (
            <Section title="Frequently asked questions">
              <div className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
                {gig.faq.map((item) => (
                  <details key={item.question} className="group px-5 py-4">
                    <summary className="flex cursor-pointer list-none items-center justify-between gap-4 font-medium text-stone-900 [&::-webkit-details-marker]:hidden">
                      {item.question}
                      <span
                        aria-hidden="true"
                        className="text-xl leading-none text-stone-500 transition-transform group-open:rotate-45"
                      >
                        +
                      </span>
                    </summary>
                    <p className="mt-3 leading-relaxed whitespace-pre-line text-stone-700">{item.answer}</p>
                  </details>
                ))}
              </div>
            </Section>
          ) : null}

          <SellerCard gig={gig} isOwner={isOwner} />
          <GigReviews gigId={gig.id} />
        </div>
      </div>
    </div>
  );
}
