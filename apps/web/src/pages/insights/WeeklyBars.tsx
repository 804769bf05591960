import type { VisibilityWeek } from "@atelier/contracts";
import { useId } from "react";

const weekLabel = (from: string) =>
  new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(from),
  );

/**
 * Impressions (and, inside them, clicks) per week as inline SVG bars; the labels are HTML and a
 * table repeats the numbers for screen readers.
 */
export function WeeklyBars({ weeks }: { weeks: readonly VisibilityWeek[] }) {
  const id = useId();
  const max = Math.max(1, ...weeks.map((w) => w.impressions));
  const width = 100 / weeks.length;
  return (
    <figure aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm text-stone-600">
        Impressions per week, clicks shaded darker (last {weeks.length} weeks)
      </figcaption>
      <svg
        viewBox="0 0 100 40"
        preserveAspectRatio="none"
        className="mt-3 h-40 w-full"
        aria-hidden="true"
        data-testid="visibility-chart"
      >
        {weeks.map((w, i) => {
          const h = (w.impressions / max) * 38;
          const c = (w.clicks / max) * 38;
          return (
            <g key={w.from}>
              <rect
                x={i * width + width * 0.15}
                y={40 - h}
                width={width * 0.7}
                height={h}
                className="fill-brand-200"
              />
              <rect
                x={i * width + width * 0.15}
                y={40 - c}
                width={width * 0.7}
                height={c}
                className="fill-brand-700"
              />
            </g>
          );
        })}
      </svg>
      <div className="flex text-xs text-stone-600" aria-hidden="true">
        {weeks.map((w) => (
          <span key={w.from} className="flex-1 text-center">
            {weekLabel(w.from)}
          </span>
        ))}
      </div>
      <table className="sr-only">
        <caption>Impressions, clicks and orders per week</caption>
        <thead>
          <tr>
            <th scope="col">Week from</th>
            <th scope="col">Impressions</th>
            <th scope="col">Clicks</th>
            <th scope="col">Orders</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.from}>
              <th scope="row">{weekLabel(w.from)}</th>
              <td>{w.impressions}</td>
              <td>{w.clicks}</td>
              <td>{w.orders}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
