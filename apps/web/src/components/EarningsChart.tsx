import type { MoneyDto } from "@atelier/contracts";
import { useId } from "react";
import { formatDate, formatMoney } from "../lib/format";

interface Day {
  day: string;
  amount: MoneyDto;
}

const DAY_MS = 86_400_000;

/** "2026-11-28" at UTC midnight: the server groups earnings by UTC day. */
function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Every day of the window with its earnings (zero when none), ending today or on the last day with
 * earnings, whichever is later.
 */
function fillDays(data: readonly Day[], days: number, currency: string): Day[] {
  const byDay = new Map(data.map((d) => [d.day, d.amount]));
  const lastDataDay = data.at(-1)?.day;
  const today = utcDay(new Date());
  const end = new Date(`${lastDataDay && lastDataDay > today ? lastDataDay : today}T00:00:00Z`);
  const result: Day[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = utcDay(new Date(end.getTime() - i * DAY_MS));
    result.push({ day, amount: byDay.get(day) ?? { amount: 0, currency } });
  }
  return result;
}

/** A round number at or above `value` (1, 2, 5 × a power of ten), for the top of the scale. */
function niceCeiling(value: number): number {
  if (value <= 0) return 100;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Earnings per day as bars in inline SVG. The bars stretch to the width; the labels are HTML so they
 * stay readable at any size. A caption and a table say the same for screen readers.
 */
export function EarningsChart({
  data,
  days,
  currency,
}: {
  data: readonly Day[];
  days: number;
  currency: string;
}) {
  const id = useId();
  const series = fillDays(data, days, currency);
  const max = niceCeiling(Math.max(0, ...series.map((d) => d.amount.amount)));
  const total = series.reduce((sum, d) => sum + d.amount.amount, 0);
  const best = series.reduce<Day | null>(
    (top, d) => (d.amount.amount > (top?.amount.amount ?? 0) ? d : top),
    null,
  );
  const barWidth = 100 / series.length;
  const ticks = [max, max / 2, 0];
  const labelEvery = Math.ceil(series.length / 4);
  const dateLabel = (day: string) =>
    new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" }).format(
      new Date(`${day}T00:00:00Z`),
    );

  return (
    <figure aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm text-stone-600">
        {total > 0 ? (
          <>
            <span className="text-2xl font-semibold text-stone-900">
              {formatMoney({ amount: total, currency })}
            </span>{" "}
            earned in the last {days} days
            {best ? (
              <>
                {" "}
                · best day {formatDate(`${best.day}T12:00:00Z`)} ({formatMoney(best.amount)})
              </>
            ) : null}
          </>
        ) : (
          <>No earnings in the last {days} days yet. Completed orders and tips show up here.</>
        )}
      </figcaption>
      {total > 0 ? (
        <div className="mt-4 flex gap-3" aria-hidden="true">
          <div className="flex h-44 flex-col justify-between text-right text-xs text-stone-500">
            {ticks.map((tick) => (
              <span key={tick} className="-translate-y-1/2 first:translate-y-0 last:translate-y-0">
                {formatMoney({ amount: Math.round(tick), currency }, { compact: true })}
              </span>
            ))}
          </div>
          <div className="min-w-0 flex-1">
            <svg
              viewBox="0 0 100 100"
              preserveAspectRatio="none"
              className="h-44 w-full overflow-visible"
              focusable="false"
            >
              {ticks.map((tick) => (
                <line
                  key={tick}
                  x1="0"
                  x2="100"
                  y1={100 - (tick / max) * 100}
                  y2={100 - (tick / max) * 100}
                  stroke="currentColor"
                  className="text-stone-200"
                  strokeWidth="1"
                  vectorEffect="non-scaling-stroke"
                />
              ))}
              {series.map((d, index) => {
                const height = (d.amount.amount / max) * 100;
                return height > 0 ? (
                  <rect
                    key={d.day}
                    x={index * barWidth + barWidth * 0.15}
                    y={100 - height}
                    width={barWidth * 0.7}
                    height={height}
                    rx="0.4"
                    className="fill-brand-600"
                  >
                    <title>{`${dateLabel(d.day)}: ${formatMoney(d.amount)}`}</title>
                  </rect>
                ) : null;
              })}
            </svg>
            <div className="relative mt-2 h-4 text-xs text-stone-500">
              {series.map((d, index) =>
                index % labelEvery === 0 ? (
                  <span
                    key={d.day}
                    className="absolute whitespace-nowrap"
                    style={{ left: `${index * barWidth}%` }}
                  >
                    {dateLabel(d.day)}
                  </span>
                ) : null,
              )}
            </div>
          </div>
        </div>
      ) : null}
      <table className="sr-only">
        <caption>Earnings per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Earnings</th>
          </tr>
        </thead>
        <tbody>
          {series
            .filter((d) => d.amount.amount > 0)
            .map((d) => (
              <tr key={d.day}>
                <td>{dateLabel(d.day)}</td>
                <td>{formatMoney(d.amount)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}
