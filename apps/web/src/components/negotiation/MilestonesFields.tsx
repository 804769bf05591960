import type { OfferMilestoneBody } from "@atelier/contracts";
import { formatMoney } from "../../lib/format";
import { parseMoneyInput } from "../../lib/moneyInput";
import { Button } from "../Button";
import { TextField } from "../TextField";

/** One milestone as typed: text, read when the offer is sent. */
export interface MilestoneDraft {
  title: string;
  price: string;
  days: string;
}

export const MILESTONES_MIN_PRICE = 10_000;
export const MIN_MILESTONES = 2;
export const MAX_MILESTONES = 6;

export const emptyMilestone = (): MilestoneDraft => ({ title: "", price: "", days: "3" });

/** The drafts as the API takes them, or the first problem in words (2–6, priced, adding up). */
export function readMilestones(
  drafts: readonly MilestoneDraft[],
  price: number | null,
  currency: string,
): { milestones: OfferMilestoneBody[] } | { error: string } {
  if (price === null || price < MILESTONES_MIN_PRICE)
    return { error: "Only an offer of 100.00 or more can be split into milestones." };
  if (drafts.length < MIN_MILESTONES || drafts.length > MAX_MILESTONES)
    return { error: "Split the offer into 2 to 6 milestones." };
  const milestones: OfferMilestoneBody[] = [];
  for (const [i, d] of drafts.entries()) {
    const amount = parseMoneyInput(d.price, currency);
    const days = Number(d.days);
    if (!d.title.trim()) return { error: `Give milestone ${i + 1} a title.` };
    if (amount === null || amount <= 0) return { error: `Give milestone ${i + 1} a price above 0.` };
    if (!Number.isInteger(days) || days < 1 || days > 90)
      return { error: `Milestone ${i + 1} takes 1 to 90 days.` };
    milestones.push({ title: d.title.trim(), price: { amount, currency }, deliveryDays: days });
  }
  const sum = milestones.reduce((s, m) => s + m.price.amount, 0);
  if (sum !== price)
    return {
      error: `The milestones add up to ${formatMoney({ amount: sum, currency })}; the offer’s price is ${formatMoney({ amount: price, currency })}.`,
    };
  return { milestones };
}

/**
 * The offer composer's milestones: 2–6 rows of title, price and days, with a live check that their
 * prices add up to the offer's price.
 */
export function MilestonesFields({
  drafts,
  onChange,
  price,
  currency,
}: {
  drafts: MilestoneDraft[];
  onChange: (drafts: MilestoneDraft[]) => void;
  price: number | null;
  currency: string;
}) {
  const amounts = drafts.map((d) => parseMoneyInput(d.price, currency) ?? 0);
  const sum = amounts.reduce((s, a) => s + a, 0);
  const matches = price !== null && sum === price;
  const set = (i: number, patch: Partial<MilestoneDraft>) =>
    onChange(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <fieldset className="space-y-3 rounded-xl border border-stone-200 p-3">
      <legend className="px-1 text-sm font-medium text-stone-900">Milestones</legend>
      <p className="text-sm text-stone-600">
        The buyer pays the whole price now; each milestone is delivered and accepted on its own, and accepting
        it releases its share to you.
      </p>
      <ol className="space-y-3">
        {drafts.map((d, i) => (
          <li key={i} className="grid grid-cols-[1fr_7rem_5rem] items-end gap-2">
            <TextField
              label={`Milestone ${i + 1} title`}
              value={d.title}
              maxLength={120}
              onChange={(e) => set(i, { title: e.target.value })}
            />
            <TextField
              label={`Milestone ${i + 1} price`}
              inputMode="decimal"
              value={d.price}
              onChange={(e) => set(i, { price: e.target.value })}
            />
            <TextField
              label={`Milestone ${i + 1} days`}
              type="number"
              min={1}
              max={90}
              value={d.days}
              onChange={(e) => set(i, { days: e.target.value })}
            />
          </li>
        ))}
      </ol>
      <p role="status" className={`text-sm font-medium ${matches ? "text-emerald-800" : "text-amber-900"}`}>
        {price === null
          ? `Milestones add up to ${formatMoney({ amount: sum, currency })}. Set the offer’s price.`
          : matches
            ? `Milestones add up to the price, ${formatMoney({ amount: price, currency })}.`
            : `Milestones add up to ${formatMoney({ amount: sum, currency })} of ${formatMoney({ amount: price, currency })}: ${formatMoney({ amount: Math.abs(price - sum), currency })} ${sum < price ? "left to place" : "too much"}.`}
      </p>
      <div className="flex flex-wrap gap-2">
        {drafts.length < MAX_MILESTONES ? (
          <Button variant="secondary" onClick={() => onChange([...drafts, emptyMilestone()])}>
            Add a milestone
          </Button>
        ) : null}
        {drafts.length > MIN_MILESTONES ? (
          <Button variant="ghost" onClick={() => onChange(drafts.slice(0, -1))}>
            Remove the last milestone
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}
