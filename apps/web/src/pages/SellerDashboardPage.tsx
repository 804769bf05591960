import {
  OrderStatusSchema,
  SellerDashboardSchema,
  type SellerDashboard,
  type SellerDashboardGig,
} from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { ButtonLink } from "../components/Button";
import { EarningsChart } from "../components/EarningsChart";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { CheckIcon } from "../components/icons";
import { SellerLevelBadge, sellerLevelLabel } from "../components/SellerLevelBadge";
import { LoadingRegion, PageSkeleton, Skeleton } from "../components/Skeleton";
import { api, isApiError, read } from "../lib/api";
import { formatMoney, formatResponseTime } from "../lib/format";
import { STATUS_LABELS } from "../lib/orders";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";
import { BecomeSellerPage } from "./BecomeSellerPage";

/** The dashboard covers the server's window: the last 90 days. */
const WINDOW_DAYS = 90;

export const sellerDashboardQueryOptions = (userId: string) => ({
  queryKey: ["seller-dashboard", userId] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    read(SellerDashboardSchema, api.GET("/api/me/seller-dashboard", { signal })),
});

function percent(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`;
}

/** `/dashboard`: a seller's level progress, earnings, orders and how their gigs do in search. */
export function SellerDashboardPage() {
  usePageTitle("Seller dashboard");
  const me = useMe();
  if (me.isPending) return <PageSkeleton label="Loading your dashboard" />;
  if (!me.data?.isSeller) return <BecomeSellerPage />;
  return <Dashboard userId={me.data.id} />;
}

function Dashboard({ userId }: { userId: string }) {
  const dashboard = useQuery(sellerDashboardQueryOptions(userId));

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <p className="text-sm font-medium text-stone-600">Selling</p>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <h1 className="font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
          Seller dashboard
        </h1>
        {dashboard.data ? <SellerLevelBadge level={dashboard.data.progress.level} /> : null}
      </div>
      <p className="mt-3 max-w-2xl text-stone-600">
        The last {WINDOW_DAYS} days of your business: what you earned, how your orders stand, how your gigs do
        in search, and what you still need for the next level.
      </p>

      <div className="mt-8">
        {dashboard.isPending ? (
          <DashboardSkeleton />
        ) : dashboard.isError ? (
          <ErrorState
            title="Your dashboard couldn’t load"
            error={dashboard.error}
            message={isApiError(dashboard.error, 403) ? "Only sellers have a dashboard." : undefined}
            onRetry={() => void dashboard.refetch()}
            retrying={dashboard.isFetching}
          />
        ) : (
          <DashboardBody data={dashboard.data} />
        )}
      </div>
    </div>
  );
}

function DashboardSkeleton() {
  return (
    <LoadingRegion label="Loading your dashboard">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="space-y-2 rounded-2xl border border-stone-200 bg-white p-5">
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-7 w-1/3" />
          </div>
        ))}
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-64 w-full rounded-2xl" />
        <Skeleton className="h-64 w-full rounded-2xl" />
      </div>
      <Skeleton className="mt-6 h-48 w-full rounded-2xl" />
    </LoadingRegion>
  );
}

function DashboardBody({ data }: { data: SellerDashboard }) {
  const { metrics } = data;
  return (
    <div className="space-y-6">
      <section aria-labelledby="metrics-title">
        <h2 id="metrics-title" className="sr-only">
          Your numbers
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Metric label="Earnings" value={formatMoney(metrics.earnings)} hint="completed orders" />
          <Metric
            label="Response rate"
            value={percent(metrics.responseRate)}
            hint={
              metrics.averageFirstResponseHours === null
                ? "no first messages yet"
                : `replies in ${formatResponseTime(metrics.averageFirstResponseHours)}`
            }
          />
          <Metric
            label="On-time delivery"
            value={percent(metrics.onTimeRate)}
            hint="delivered by the due time"
          />
          <Metric
            label="Rating"
            value={metrics.rating === null ? "—" : metrics.rating.toFixed(1)}
            hint={`${metrics.ratingCount} ${metrics.ratingCount === 1 ? "review" : "reviews"}`}
          />
        </dl>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <LevelProgress progress={data.progress} />
        <section
          aria-labelledby="orders-title"
          className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
        >
          <h2 id="orders-title" className="text-lg font-semibold text-stone-900">
            Orders by status
          </h2>
          <div className="mt-3">
            <OrdersByStatus rows={data.ordersByStatus} />
          </div>
        </section>
      </div>

      <section
        aria-labelledby="earnings-title"
        className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
      >
        <h2 id="earnings-title" className="text-lg font-semibold text-stone-900">
          Earnings over time
        </h2>
        <div className="mt-3">
          <EarningsChart data={data.earningsByDay} days={WINDOW_DAYS} currency={metrics.earnings.currency} />
        </div>
      </section>

      <GigPerformance gigs={data.gigs} />
    </div>
  );
}

function Metric({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="rounded-2xl border border-stone-200 bg-white p-5">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-stone-900 tabular-nums">{value}</dd>
      <dd className="mt-1 text-sm text-stone-600">{hint}</dd>
    </div>
  );
}

function LevelProgress({ progress }: { progress: SellerDashboard["progress"] }) {
  const missing = progress.requirements.filter((r) => !r.met).length;
  const total = progress.requirements.length;
  const met = total - missing;
  return (
    <section
      aria-labelledby="level-title"
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="level-title" className="text-lg font-semibold text-stone-900">
        Level progress
      </h2>
      <p className="mt-2 flex flex-wrap items-center gap-2 text-stone-700">
        You are <SellerLevelBadge level={progress.level} />
      </p>
      {progress.next === null ? (
        <p className="mt-3 text-stone-700">You have reached the highest level. Keep it up.</p>
      ) : (
        <>
          <h3 className="mt-4 font-medium text-stone-900">
            What you still need for {sellerLevelLabel(progress.next)}
          </h3>
          <div className="mt-2">
            <progress
              className="h-2 w-full accent-brand-700"
              max={Math.max(total, 1)}
              value={met}
              aria-label={`${met} of ${total} requirements met for ${sellerLevelLabel(progress.next)}`}
            />
            <p className="mt-1 text-sm text-stone-600">
              {met} of {total} requirements met
            </p>
          </div>
          {progress.awaitingApproval ? (
            <p role="status" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950">
              You meet every requirement. An admin reviews Top Rated promotions; yours is waiting for
              approval.
            </p>
          ) : null}
          <ul className="mt-3 space-y-2">
            {progress.requirements.map((r) => (
              <li key={r.key} className="flex items-start gap-2 text-sm">
                <span
                  aria-hidden="true"
                  className={`mt-0.5 grid size-5 shrink-0 place-items-center rounded-full ${
                    r.met ? "bg-brand-100 text-brand-800" : "border border-stone-300 text-stone-400"
                  }`}
                >
                  {r.met ? <CheckIcon className="size-3.5" /> : null}
                </span>
                <span className="text-stone-800">
                  <span className="font-medium">{r.label}</span>
                  <span className="sr-only">{r.met ? " (met)" : " (not met yet)"}</span>
                  <span className="block text-stone-600">
                    {r.current} now · {r.needed} needed
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function statusLabel(status: string): string {
  const parsed = OrderStatusSchema.safeParse(status);
  return parsed.success ? STATUS_LABELS[parsed.data] : status.replace(/_/g, " ");
}

/** Horizontal bars in inline SVG, labelled in HTML; a caption and a hidden table carry the same data. */
function BarChart({
  title,
  rows,
  unit,
}: {
  title: string;
  rows: readonly { label: string; value: number }[];
  unit: string;
}) {
  const id = useId();
  const max = Math.max(1, ...rows.map((r) => r.value));
  const summary = rows.map((r) => `${r.label}: ${r.value}`).join(", ");
  return (
    <figure aria-labelledby={`${id}-caption`}>
      <ul aria-hidden="true" className="space-y-2">
        {rows.map((r) => (
          <li key={r.label} className="grid grid-cols-[minmax(0,8rem)_1fr_auto] items-center gap-3 text-sm">
            <span className="truncate text-stone-700">{r.label}</span>
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full" role="presentation">
              <rect x="0" y="0" width="100" height="10" rx="2" className="fill-stone-100" />
              <rect x="0" y="0" width={(r.value / max) * 100} height="10" rx="2" className="fill-brand-600" />
            </svg>
            <span className="text-right font-medium text-stone-900 tabular-nums">{r.value}</span>
          </li>
        ))}
      </ul>
      <figcaption id={`${id}-caption`} className="mt-3 text-sm text-stone-600">
        {title}. {summary}.
      </figcaption>
      {/* The wrapper, not the table, is visually hidden: a table will not shrink to 1px and would widen the page. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function OrdersByStatus({ rows }: { rows: SellerDashboard["ordersByStatus"] }) {
  const withOrders = rows.filter((r) => r.count > 0);
  if (withOrders.length === 0) {
    return <p className="text-stone-600">No orders yet. When buyers order your gigs, they appear here.</p>;
  }
  return (
    <BarChart
      title="Orders by status"
      unit="Orders"
      rows={withOrders.map((r) => ({ label: statusLabel(r.status), value: r.count }))}
    />
  );
}

function GigPerformance({ gigs }: { gigs: readonly SellerDashboardGig[] }) {
  return (
    <section aria-labelledby="gigs-title" className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
      <h2 id="gigs-title" className="text-lg font-semibold text-stone-900">
        Gigs in search
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Impressions are the times a gig was shown in search results; clicks, the times someone opened it from
        there; conversion, orders per click.
      </p>
      {gigs.length === 0 ? (
        <EmptyState
          className="mt-4"
          title="No gigs yet"
          action={<ButtonLink to="/seller/gigs/new">Create a gig</ButtonLink>}
        >
          <p>Publish a gig and its search numbers show up here.</p>
        </EmptyState>
      ) : (
        <>
          <div className="mt-4">
            <BarChart
              title="Search impressions per gig"
              unit="Impressions"
              rows={gigs.map((g) => ({ label: g.title, value: g.impressions }))}
            />
          </div>
          <div
            role="region"
            aria-label="Search performance per gig, scrolls sideways on small screens"
            tabIndex={0}
            className="mt-6 overflow-x-auto"
          >
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">Search performance per gig, last {WINDOW_DAYS} days</caption>
              <thead className="border-b border-stone-200 text-stone-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Gig
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Impressions
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Clicks
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Click rate
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Orders
                  </th>
                  <th scope="col" className="py-2 pl-3 text-right font-medium">
                    Conversion
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {gigs.map((g) => (
                  <tr key={g.id}>
                    <th scope="row" className="max-w-[18rem] py-2 pr-3 font-medium text-stone-900">
                      <Link
                        to="/gigs/$gigId"
                        params={{ gigId: g.id }}
                        className="line-clamp-2 hover:text-brand-800 hover:underline"
                      >
                        {g.title}
                      </Link>
                      {g.status !== "active" ? (
                        <span className="block text-xs font-normal text-stone-600">
                          {g.status.replace(/_/g, " ")}
                        </span>
                      ) : null}
                      <Link
                        to="/seller/gigs/$gigId/visibility"
                        params={{ gigId: g.id }}
                        className="block text-xs font-normal text-brand-700 hover:underline"
                      >
                        Why it ranks here<span className="sr-only">: {g.title}</span>
                      </Link>
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">{g.impressions}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{g.clicks}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{percent(g.clickRate)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{g.orders}</td>
                    <td className="py-2 pl-3 text-right tabular-nums">{percent(g.conversion)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
