import { GIG_LIMITS } from "@atelier/contracts";
import { Button } from "../../components/Button";
import { TextField } from "../../components/TextField";
import type { StepProps } from "./editorHelpers";
import { rowsOf } from "./editorHelpers";

export function ExtrasEditor({ draft, errors, currency, onChange }: StepProps & { currency: string }) {
  const extras = rowsOf(onChange, "extras");
  return (
    <section aria-labelledby="extras-title" className="mt-12">
      <h3 id="extras-title" className="font-display text-xl font-semibold text-stone-900">
        Extras <span className="text-base font-normal text-stone-600">(optional)</span>
      </h3>
      <p className="mt-1 text-stone-600">
        Add-ons buyers can pick at checkout, such as faster delivery or an extra concept.
      </p>
      {errors.extras ? <p className="mt-2 text-sm font-medium text-red-700">{errors.extras}</p> : null}
      <ul className="mt-4 space-y-4">
        {draft.extras.map((extra, index) => {
          const base = `extras.${index}`;
          const update = (patch: Partial<typeof extra>) => extras.update(extra.key, patch);
          return (
            <li
              key={extra.key}
              className="grid gap-4 rounded-2xl border border-stone-200 bg-white p-4 sm:grid-cols-[1fr_9rem_9rem_auto] sm:items-start"
            >
              <TextField
                label="Extra"
                aria-label={`Extra ${index + 1}`}
                name={`${base}.title`}
                value={extra.title}
                maxLength={80}
                placeholder="Express delivery"
                error={errors[`${base}.title`]}
                onChange={(event) => update({ title: event.currentTarget.value })}
              />
              <TextField
                label={`Price (${currency})`}
                aria-label={`Extra ${index + 1} price (${currency})`}
                name={`${base}.price.amount`}
                value={extra.price}
                inputMode="decimal"
                error={errors[`${base}.price.amount`] ?? errors[`${base}.price.currency`]}
                onChange={(event) => update({ price: event.currentTarget.value })}
              />
              <TextField
                label="Extra days"
                aria-label={`Extra ${index + 1} extra days`}
                name={`${base}.additionalDays`}
                value={extra.additionalDays}
                type="number"
                min={GIG_LIMITS.extras.minAdditionalDays}
                max={GIG_LIMITS.extras.maxAdditionalDays}
                error={errors[`${base}.additionalDays`]}
                onChange={(event) => update({ additionalDays: event.currentTarget.value })}
              />
              <Button
                variant="ghost"
                size="sm"
                className="sm:mt-7"
                aria-label={`Remove extra ${index + 1}`}
                onClick={() => extras.remove(extra.key)}
              >
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      {draft.extras.length < GIG_LIMITS.extras.max ? (
        <Button
          variant="secondary"
          size="sm"
          className="mt-4"
          onClick={() => extras.add({ title: "", price: "", additionalDays: "0" })}
        >
          Add an extra
        </Button>
      ) : null}
    </section>
  );
}
