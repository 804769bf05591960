import { GIG_LIMITS } from "@atelier/contracts";
import { Button } from "../../components/Button";
import { TextAreaField } from "../../components/TextField";
import { type RequirementKind } from "./gigEditorModel";
import { CheckboxField } from "./CheckboxField";
import { SelectField } from "./SelectField";
import { StepIntro } from "./StepIntro";
import type { StepProps } from "./editorHelpers";
import { rowsOf, firstNested } from "./editorHelpers";

const KIND_LABELS: Record<RequirementKind, string> = {
  text: "Written answer",
  file: "File upload",
  choice: "Multiple choice",
};

export function RequirementsStep({ draft, errors, onChange }: StepProps) {
  const requirements = rowsOf(onChange, "requirements");
  return (
    <section>
      <StepIntro title="Requirements">
        What do you need from the buyer to start? They answer these right after ordering, and the delivery
        clock starts once they have. Leave it empty if you need nothing.
      </StepIntro>
      {errors.requirements ? (
        <p className="mb-4 text-sm font-medium text-red-700">{errors.requirements}</p>
      ) : null}
      <ol className="max-w-3xl space-y-4">
        {draft.requirements.map((req, index) => {
          const base = `requirements.${index}`;
          const update = (patch: Partial<typeof req>) => requirements.update(req.key, patch);
          return (
            <li key={req.key} className="space-y-4 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5">
              <TextAreaField
                label={`Question ${index + 1}`}
                name={`${base}.question`}
                value={req.question}
                rows={2}
                maxLength={500}
                placeholder="What is your business called, and what does it do?"
                error={errors[`${base}.question`]}
                onChange={(event) => update({ question: event.currentTarget.value })}
              />
              <div className="grid gap-4 sm:grid-cols-2 sm:items-end">
                <SelectField
                  label="Answer type"
                  name={`${base}.kind`}
                  value={req.kind}
                  error={errors[`${base}.kind`]}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    const kind: RequirementKind = value === "file" || value === "choice" ? value : "text";
                    update({ kind });
                  }}
                >
                  {Object.entries(KIND_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </SelectField>
                <div className="pb-2.5">
                  <CheckboxField
                    label="The buyer must answer"
                    checked={req.required}
                    onChange={(checked) => update({ required: checked })}
                  />
                </div>
              </div>
              {req.kind === "choice" ? (
                <TextAreaField
                  label="Choices"
                  name={`${base}.choices`}
                  value={req.choices}
                  rows={3}
                  hint={`One per line, at least ${GIG_LIMITS.requirements.minChoices}.`}
                  error={errors[`${base}.choices`] ?? firstNested(errors, `${base}.choices`)}
                  onChange={(event) => update({ choices: event.currentTarget.value })}
                />
              ) : null}
              <Button variant="ghost" size="sm" onClick={() => requirements.remove(req.key)}>
                Remove question {index + 1}
              </Button>
            </li>
          );
        })}
      </ol>
      {draft.requirements.length < GIG_LIMITS.requirements.max ? (
        <Button
          variant="secondary"
          size="sm"
          className="mt-4"
          onClick={() => requirements.add({ question: "", kind: "text", required: true, choices: "" })}
        >
          Add a question
        </Button>
      ) : null}
    </section>
  );
}
