import { GIG_LIMITS } from "@atelier/contracts";
import { Button } from "../../components/Button";
import { TextAreaField, TextField } from "../../components/TextField";
import { StepIntro } from "./StepIntro";
import type { StepProps } from "./editorHelpers";
import { rowsOf, counter } from "./editorHelpers";

export function DescriptionStep({ draft, errors, onChange }: StepProps) {
  const faq = rowsOf(onChange, "faq");
  return (
    <section>
      <StepIntro title="Description and FAQ">
        Explain what the buyer gets, how you work and what you need from them. Answer the questions you hear
        most often.
      </StepIntro>
      <div className="max-w-3xl space-y-6">
        <TextAreaField
          label="Description"
          name="description"
          value={draft.description}
          rows={10}
          maxLength={GIG_LIMITS.description.max}
          hint={`Between ${GIG_LIMITS.description.min} and ${GIG_LIMITS.description.max.toLocaleString()} characters (${counter(draft.description, GIG_LIMITS.description.max)}).`}
          error={errors.description}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange((current) => ({ ...current, description: value }));
          }}
        />

        <section aria-labelledby="faq-title" className="pt-4">
          <h3 id="faq-title" className="font-display text-xl font-semibold text-stone-900">
            Frequently asked questions{" "}
            <span className="text-base font-normal text-stone-600">(optional)</span>
          </h3>
          {errors.faq ? <p className="mt-2 text-sm font-medium text-red-700">{errors.faq}</p> : null}
          <ol className="mt-4 space-y-4">
            {draft.faq.map((item, index) => {
              const base = `faq.${index}`;
              const update = (patch: Partial<typeof item>) => faq.update(item.key, patch);
              return (
                <li key={item.key} className="space-y-3 rounded-2xl border border-stone-200 bg-white p-4">
                  <TextField
                    label={`Question ${index + 1}`}
                    name={`${base}.question`}
                    value={item.question}
                    maxLength={200}
                    error={errors[`${base}.question`]}
                    onChange={(event) => update({ question: event.currentTarget.value })}
                  />
                  <TextAreaField
                    label={`Answer ${index + 1}`}
                    name={`${base}.answer`}
                    value={item.answer}
                    rows={3}
                    maxLength={1500}
                    error={errors[`${base}.answer`]}
                    onChange={(event) => update({ answer: event.currentTarget.value })}
                  />
                  <Button variant="ghost" size="sm" onClick={() => faq.remove(item.key)}>
                    Remove question {index + 1}
                  </Button>
                </li>
              );
            })}
          </ol>
          {draft.faq.length < GIG_LIMITS.faq.max ? (
            <Button
              variant="secondary"
              size="sm"
              className="mt-4"
              onClick={() => faq.add({ question: "", answer: "" })}
            >
              Add a question
            </Button>
          ) : null}
        </section>
      </div>
    </section>
  );
}
