import { GIG_LIMITS, PACKAGE_TIERS, type PackageTier } from "@atelier/contracts";
import { useId } from "react";
import { TextAreaField, TextField } from "../../components/TextField";
import { formatMoney } from "../../lib/format";
import { TIER_LABELS } from "../../lib/orders";
import { type PackageDraft } from "./gigEditorModel";
import { ExtrasEditor } from "./ExtrasEditor";
import { SelectField } from "./SelectField";
import { StepIntro } from "./StepIntro";
import type { StepProps } from "./editorHelpers";
import { firstNested } from "./editorHelpers";

export function PricingStep({ draft, errors, currency, onChange }: StepProps & { currency: string }) {
  const tiers: readonly PackageTier[] = draft.threePackages ? PACKAGE_TIERS : ["basic"];
  const min = formatMoney({ amount: GIG_LIMITS.packagePrice.min, currency });
  const legendId = useId();

  function updatePackage(tier: PackageTier, patch: Partial<PackageDraft>) {
    onChange((current) => ({
      ...current,
      packages: { ...current.packages, [tier]: { ...current.packages[tier], ...patch } },
    }));
  }

  return (
    <section>
      <StepIntro title="Pricing">
        Fixed prices make ordering easy. Offer one package, or three (Basic, Standard and Premium) so buyers
        can choose how much they need. Prices start at {min}.
      </StepIntro>

      <fieldset className="mb-8">
        <legend id={legendId} className="text-sm font-medium text-stone-800">
          Packages
        </legend>
        <div className="mt-2 inline-flex rounded-full border border-stone-300 bg-white p-1">
          {[
            { value: false, label: "One package" },
            { value: true, label: "Three packages" },
          ].map((option) => (
            <label
              key={option.label}
              className={`cursor-pointer rounded-full px-4 py-1.5 text-sm font-medium has-focus-visible:outline-2 has-focus-visible:outline-brand-600 ${
                draft.threePackages === option.value ? "bg-brand-700 text-white" : "text-stone-700"
              }`}
            >
              <input
                type="radio"
                name="threePackages"
                className="sr-only"
                checked={draft.threePackages === option.value}
                onChange={() => onChange((current) => ({ ...current, threePackages: option.value }))}
              />
              {option.label}
            </label>
          ))}
        </div>
        {errors.packages ? <p className="mt-2 text-sm font-medium text-red-700">{errors.packages}</p> : null}
      </fieldset>

      <div className={`grid gap-5 ${tiers.length === 3 ? "md:grid-cols-3" : "max-w-md"}`}>
        {tiers.map((tier, index) => {
          const pkg = draft.packages[tier];
          const base = `packages.${index}`;
          return (
            <fieldset
              key={tier}
              className="space-y-4 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5"
            >
              <legend className="sr-only">{TIER_LABELS[tier]} package</legend>
              <p
                aria-hidden="true"
                className="text-xs font-semibold tracking-widest text-brand-700 uppercase"
              >
                {TIER_LABELS[tier]}
              </p>
              <TextField
                label="Name"
                aria-label={`${TIER_LABELS[tier]} name`}
                name={`${base}.name`}
                value={pkg.name}
                maxLength={60}
                placeholder={tier === "basic" ? "Starter" : tier === "standard" ? "Standard" : "Complete"}
                error={errors[`${base}.name`] ?? errors[`${base}.tier`]}
                onChange={(event) => updatePackage(tier, { name: event.currentTarget.value })}
              />
              <TextAreaField
                label="Description"
                aria-label={`${TIER_LABELS[tier]} description`}
                name={`${base}.description`}
                value={pkg.description}
                rows={3}
                maxLength={500}
                error={errors[`${base}.description`]}
                onChange={(event) => updatePackage(tier, { description: event.currentTarget.value })}
              />
              <TextField
                label={`Price (${currency})`}
                aria-label={`${TIER_LABELS[tier]} price (${currency})`}
                name={`${base}.price.amount`}
                value={pkg.price}
                inputMode="decimal"
                autoComplete="off"
                placeholder={tier === "basic" ? "25" : tier === "standard" ? "60" : "120"}
                error={
                  errors[`${base}.price.amount`] ??
                  errors[`${base}.price.currency`] ??
                  errors[`${base}.price`]
                }
                onChange={(event) => updatePackage(tier, { price: event.currentTarget.value })}
              />
              <div className="grid grid-cols-2 gap-3">
                <TextField
                  label="Delivery (days)"
                  aria-label={`${TIER_LABELS[tier]} delivery (days)`}
                  name={`${base}.deliveryDays`}
                  value={pkg.deliveryDays}
                  inputMode="numeric"
                  autoComplete="off"
                  error={errors[`${base}.deliveryDays`]}
                  onChange={(event) => updatePackage(tier, { deliveryDays: event.currentTarget.value })}
                />
                <SelectField
                  label="Revisions"
                  aria-label={`${TIER_LABELS[tier]} revisions`}
                  name={`${base}.revisions`}
                  value={pkg.revisions}
                  error={errors[`${base}.revisions`]}
                  onChange={(event) => updatePackage(tier, { revisions: event.currentTarget.value })}
                >
                  {Array.from({ length: GIG_LIMITS.revisions.max + 1 }, (_, count) => (
                    <option key={count} value={String(count)}>
                      {count}
                    </option>
                  ))}
                  <option value="unlimited">Unlimited</option>
                </SelectField>
              </div>
              <TextAreaField
                label="Features"
                aria-label={`${TIER_LABELS[tier]} features`}
                name={`${base}.features`}
                value={pkg.features}
                rows={4}
                hint="One per line, such as “Source files”."
                error={errors[`${base}.features`] ?? firstNested(errors, `${base}.features`)}
                onChange={(event) => updatePackage(tier, { features: event.currentTarget.value })}
              />
            </fieldset>
          );
        })}
      </div>

      <ExtrasEditor draft={draft} errors={errors} currency={currency} onChange={onChange} />
    </section>
  );
}
