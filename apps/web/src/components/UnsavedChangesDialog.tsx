import { useEffect, useId, useRef } from "react";
import { Button } from "./Button";

/**
 * Asks before a link leaves a form with unsaved changes. A modal `<dialog>`: focus moves into it and
 * stays there, Escape means "stay", and the page behind is inert until one of the buttons is chosen.
 */
export function UnsavedChangesDialog({
  steps,
  onStay,
  onLeave,
}: {
  /** Names of the parts with unsaved changes ("Overview", "Pricing"). */
  steps: readonly string[];
  onStay: () => void;
  onLeave: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-stone-200 bg-white p-6 text-stone-800 shadow-xl backdrop:bg-stone-900/40"
    >
      <h2 id={titleId} className="font-display text-xl font-semibold text-stone-900">
        Leave without saving?
      </h2>
      <p id={textId} className="mt-2 text-stone-700">
        {steps.length > 0
          ? `Your changes to ${steps.join(", ")} are not saved yet. If you leave now, they are lost.`
          : "Your changes are not saved yet. If you leave now, they are lost."}
      </p>
      <div className="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button variant="danger" onClick={onLeave}>
          Leave without saving
        </Button>
        <Button autoFocus onClick={onStay}>
          Stay and keep editing
        </Button>
      </div>
    </dialog>
  );
}
