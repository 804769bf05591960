import { CREATE_STEPS, EDITOR_STEPS, STEP_LABELS, type EditorStep } from "./gigEditorModel";

export function StepNav({
  current,
  created,
  dirty,
  onGo,
}: {
  current: EditorStep;
  created: boolean;
  dirty: ReadonlySet<EditorStep>;
  onGo: (step: EditorStep) => void;
}) {
  const currentIndex = EDITOR_STEPS.indexOf(current);
  return (
    <nav aria-label="Gig editor steps" className="relative mt-8 -mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <p className="mb-3 text-sm text-stone-600 sm:hidden">
        Step {currentIndex + 1} of {EDITOR_STEPS.length}: {STEP_LABELS[current]}
      </p>
      <ol className="flex min-w-max gap-2 border-b border-stone-200 pb-3">
        {EDITOR_STEPS.map((step, index) => {
          const available = created || CREATE_STEPS.includes(step);
          const isCurrent = step === current;
          const content = (
            <>
              <span
                className={`grid size-6 place-items-center rounded-full text-xs font-semibold ${
                  isCurrent
                    ? "bg-brand-700 text-white"
                    : index < currentIndex
                      ? "bg-brand-100 text-brand-800"
                      : "bg-stone-200 text-stone-700"
                }`}
              >
                {index + 1}
              </span>
              {STEP_LABELS[step]}
              {dirty.has(step) ? (
                <span className="text-amber-700" title="Unsaved changes">
                  <span aria-hidden="true">•</span>
                  <span className="sr-only">(unsaved changes)</span>
                </span>
              ) : null}
            </>
          );
          const base = "flex items-center gap-2 rounded-full px-3 py-1.5 text-sm whitespace-nowrap";
          return (
            <li key={step}>
              {available ? (
                <button
                  type="button"
                  onClick={() => onGo(step)}
                  aria-current={isCurrent ? "step" : undefined}
                  className={`${base} ${isCurrent ? "bg-brand-50 font-semibold text-brand-900" : "text-stone-700 hover:bg-stone-100"}`}
                >
                  {content}
                </button>
              ) : (
                <span className={`${base} text-stone-500`} aria-disabled="true">
                  {content}
                  <span className="sr-only">(available after the draft is saved)</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
