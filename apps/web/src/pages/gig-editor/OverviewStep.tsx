import { GIG_LIMITS } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { TextField } from "../../components/TextField";
import { categoriesQueryOptions } from "../../lib/catalog";
import { CategorySelect } from "./CategorySelect";
import { CheckboxField } from "./CheckboxField";
import { StepIntro } from "./StepIntro";
import type { StepProps } from "./editorHelpers";
import { counter, firstNested } from "./editorHelpers";

export function OverviewStep({ draft, errors, onChange }: StepProps) {
  const categories = useQuery(categoriesQueryOptions);
  return (
    <section>
      <StepIntro title="Overview">
        What you offer, in a line a buyer understands at a glance, and where it belongs in the catalog.
      </StepIntro>
      <div className="max-w-2xl space-y-6">
        <TextField
          label="Gig title"
          name="title"
          value={draft.title}
          maxLength={GIG_LIMITS.title.max}
          hint={
            <>
              Start with “I will”, such as “I will design a hand-lettered logo for your bakery”. Between{" "}
              {GIG_LIMITS.title.min} and {GIG_LIMITS.title.max} characters (
              {counter(draft.title, GIG_LIMITS.title.max)}
              ).
            </>
          }
          error={errors.title}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange((current) => ({ ...current, title: value }));
          }}
        />
        <CategorySelect
          tree={categories.data}
          loading={categories.isPending}
          value={draft.categorySlug}
          error={
            errors.categorySlug ??
            (categories.isError ? "Categories couldn’t load. Reload the page to try again." : undefined)
          }
          onChange={(value) => onChange((current) => ({ ...current, categorySlug: value }))}
        />
        <TextField
          label="Search tags"
          name="tags"
          value={draft.tags}
          hint={`Words buyers might search for, separated by commas: up to ${GIG_LIMITS.tags.max}, such as “logo, lettering, bakery”.`}
          error={errors.tags ?? firstNested(errors, "tags")}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange((current) => ({ ...current, tags: value }));
          }}
        />
        <div className="rounded-2xl border border-stone-200 bg-white p-5">
          <CheckboxField
            label="I use AI tools for part of this work"
            hint="Buyers see an “AI-assisted” label on the gig. Being open about it builds trust."
            checked={draft.aiAssisted}
            onChange={(checked) => onChange((current) => ({ ...current, aiAssisted: checked }))}
          />
        </div>
      </div>
    </section>
  );
}
