import { GigVisibilitySchema, type GigVisibility, type RankingFactor } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { ButtonLink } from "../../components/Button";
import { PageErrorState } from "../../components/ErrorState";
import { NotFoundState } from "../../components/NotFoundState";
import { PageSkeleton } from "../../components/Skeleton";
import { api, isApiError, read } from "../../lib/api";
import { formatDate } from "../../lib/format";
import { usePageTitle } from "../../lib/usePageTitle";
import { WeeklyBars } from "./WeeklyBars";

const route = getRouteApi("/seller/gigs/$gigId/visibility");

const FACTOR_NAMES: Record<RankingFactor["name"], string> = {
  rating: "Rating",
  orders: "Completed orders",
  seller_level: "Seller level",
};

const signed = (n: number, digits = 2) =>
  n > 0 ? `+${n.toFixed(digits)}` : n < 0 ? n.toFixed(digits) : "no change";

/** `/seller/gigs/:gigId/visibility`: why one of the seller's gigs ranks where it does. */
export function GigVisibilityPage() {
  const { gigId } = route.useParams();
  const report = useQuery({
    queryKey: ["gig-visibility", gigId],
    queryFn: ({ signal }) =>
      read(
        GigVisibilitySchema,
        api.GET("/api/gigs/{id}/visibility", { params: { path: { id: gigId } }, signal }),
      ),
  });
  usePageTitle(report.data ? `Visibility: ${report.data.title}` : "Gig visibility");

  if (report.isPending) return <PageSkeleton label="Loading the visibility report" />;
  if (report.isError) {
    if (isApiError(report.error, 404)) {
      return (
        <NotFoundState
          title="No report for this gig"
          action={<ButtonLink to="/seller/gigs">My gigs</ButtonLink>}
        >
          <p>Only the seller of a gig sees its visibility report.</p>
        </NotFoundState>
      );
    }
    return <PageErrorState title="The visibility report couldn’t load" query={report} />;
  }
  return <Report data={report.data} />;
}

function Report({ data }: { data: GigVisibility }) {
  const figures = [
    { label: "Impressions", value: String(data.impressions) },
    { label: "Clicks", value: String(data.clicks) },
    { label: "Orders", value: String(data.orders) },
    { label: "Average position", value: data.averagePosition === null ? "—" : String(data.averagePosition) },
  ];
  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <p className="text-sm font-medium text-stone-600">
        <Link to="/dashboard" className="hover:underline">
          Seller dashboard
        </Link>{" "}
        · Visibility
      </p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900">{data.title}</h1>
      <p className="mt-3 max-w-2xl text-stone-600">
        {formatDate(data.period.from)} – {formatDate(data.period.to)}. Search puts gigs whose title holds
        every word of a query first; among equal matches, the score below decides.
        {data.searchable ? null : " This gig is not in search right now."}
      </p>

      <dl className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {figures.map((f) => (
          <div key={f.label} className="rounded-2xl border border-stone-200 bg-white p-5">
            <dt className="text-sm text-stone-600">{f.label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-stone-900 tabular-nums">{f.value}</dd>
          </div>
        ))}
      </dl>

      <section
        aria-labelledby="chart-title"
        className="mt-6 rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
      >
        <h2 id="chart-title" className="text-lg font-semibold text-stone-900">
          Week by week
        </h2>
        <div className="mt-3">
          <WeeklyBars weeks={data.weeks} />
        </div>
      </section>

      <section
        aria-labelledby="factors-title"
        className="mt-6 rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
      >
        <h2 id="factors-title" className="text-lg font-semibold text-stone-900">
          Ranking score: {data.score.toFixed(2)} of 100
        </h2>
        <div
          role="region"
          aria-label="Ranking factors, scrolls sideways on small screens"
          tabIndex={0}
          className="mt-4 overflow-x-auto"
        >
          <table className="w-full min-w-[36rem] text-left text-sm" data-testid="ranking-factors">
            <caption className="sr-only">Ranking factors, their values and their points</caption>
            <thead className="border-b border-stone-200 text-stone-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Factor
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Value
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Points
                </th>
                <th scope="col" className="py-2 pl-3 text-right font-medium">
                  Since last week
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {data.factors.map((f) => (
                <tr key={f.name}>
                  <th scope="row" className="py-2 pr-3 font-medium text-stone-900">
                    {FACTOR_NAMES[f.name]}
                  </th>
                  <td className="px-3 py-2">{f.label}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {f.contribution.toFixed(2)} <span className="text-stone-600">/ {f.weight}</span>
                  </td>
                  <td className="py-2 pl-3 text-right tabular-nums">
                    {f.contributionChange === 0 ? "no change" : `${signed(f.contributionChange)} points`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section
        aria-labelledby="advice-title"
        className="mt-6 rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
      >
        <h2 id="advice-title" className="text-lg font-semibold text-stone-900">
          What would help
        </h2>
        <ul className="mt-3 list-disc space-y-2 pl-5 text-stone-700">
          {data.advice.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
