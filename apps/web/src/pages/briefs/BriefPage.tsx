import type { BriefFile } from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { OfferForm } from "../../components/negotiation/OfferForm";
import { formatDate, formatMoney } from "../../lib/format";
import { formatFileSize } from "../../lib/orders";
import { isApiError } from "../../lib/api";
import { answerBrief, briefQueryOptions, closeBrief, negotiationKeys } from "../../lib/negotiation";
import { useMe } from "../../lib/session";
import { usePageTitle } from "../../lib/usePageTitle";
import { OfferTerms } from "../inbox/OfferCard";

/** The files the buyer attached: links that download them (the buyer's and the matched sellers' only). */
function BriefFiles({ files }: { files: BriefFile[] }) {
  if (files.length === 0) return null;
  return (
    <section className="mt-6" aria-labelledby="brief-files">
      <h2 id="brief-files" className="text-lg font-semibold">
        Files
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {files.map((file) => (
          <li key={file.id}>
            <a
              href={file.url}
              download={file.name}
              className="inline-flex items-center gap-1 rounded-full border border-stone-200 px-3 py-1 text-sm text-brand-800 hover:bg-stone-50"
            >
              {file.name} <span className="text-stone-600">· {formatFileSize(file.size)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A brief: the buyer sees the matched sellers and the offers received; a matched seller answers it. */
export function BriefPage({ briefId }: { briefId: string }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const brief = useQuery(briefQueryOptions(briefId));
  usePageTitle(brief.data?.title);
  const close = useMutation({
    mutationFn: () => closeBrief(briefId),
    onSuccess: (updated) => queryClient.setQueryData(negotiationKeys.brief(briefId), updated),
  });

  if (brief.isError) {
    return (
      <div className="px-4 py-16 sm:px-6">
        <ErrorState
          headingLevel={1}
          title={isApiError(brief.error, 404) ? "Brief not found" : "This brief couldn’t load"}
          error={brief.error}
          onRetry={() => void brief.refetch()}
        />
      </div>
    );
  }
  if (brief.isPending || !me.data) return <p className="px-4 py-10 text-stone-600">Loading…</p>;
  const b = brief.data;
  const mine = b.buyer.username === me.data.username;

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <p className="text-sm text-stone-600">
        Brief by @{b.buyer.username} · {b.status === "open" ? "open" : "closed"} · posted{" "}
        {formatDate(b.createdAt)}
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{b.title}</h1>
      <p className="mt-3 whitespace-pre-wrap text-stone-800">{b.description}</p>
      <dl className="mt-4 flex flex-wrap gap-x-6 gap-y-1 text-sm text-stone-700">
        {b.budget ? (
          <div>
            <dt className="inline">Budget: </dt>
            <dd className="inline font-medium">up to {formatMoney(b.budget.max)}</dd>
          </div>
        ) : null}
        {b.deadline ? (
          <div>
            <dt className="inline">Deadline: </dt>
            <dd className="inline font-medium">{formatDate(b.deadline)}</dd>
          </div>
        ) : null}
        {b.categorySlug ? (
          <div>
            <dt className="inline">Category: </dt>
            <dd className="inline font-medium">{b.categorySlug}</dd>
          </div>
        ) : null}
      </dl>
      <BriefFiles files={b.files} />

      {mine ? (
        <section className="mt-8">
          <h2 className="text-lg font-semibold">Sellers we told ({b.matches.length})</h2>
          <ul className="mt-2 text-sm text-stone-700">
            {b.matches.map((m) => (
              <li key={m.seller.username}>
                @{m.seller.username} — {m.gig.title}
              </li>
            ))}
          </ul>
          {b.status === "open" ? (
            <Button
              className="mt-4"
              variant="secondary"
              loading={close.isPending}
              onClick={() => close.mutate()}
            >
              Close brief
            </Button>
          ) : null}
        </section>
      ) : null}

      <section className="mt-8">
        <h2 className="text-lg font-semibold">{mine ? "Offers received" : "Your offers"}</h2>
        {b.offers.length === 0 ? (
          <p className="mt-2 text-stone-600">No offers yet.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {b.offers.map((offer) => (
              <li key={offer.id}>
                <p className="mb-1 text-sm text-stone-600">From {offer.seller.displayName}</p>
                <OfferTerms offer={offer} buyer={mine} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {!mine && b.status === "open" ? (
        <section className="mt-8">
          <h2 className="text-lg font-semibold">Answer with a custom offer</h2>
          <div className="mt-3">
            <OfferForm
              send={(body) => answerBrief(briefId, body)}
              onSent={async (offer) => {
                void queryClient.invalidateQueries({ queryKey: negotiationKeys.briefs });
                await navigate({
                  to: "/inbox/$conversationId",
                  params: { conversationId: offer.conversationId },
                });
              }}
            />
          </div>
        </section>
      ) : null}
    </div>
  );
}
