import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button, buttonClasses, type ButtonVariant } from "../Button";
import { FormAlert } from "../FormAlert";
import { TextAreaField, TextField } from "../TextField";
import { textOf } from "../../lib/forms";

export interface ActionFormValues {
  text: string;
  days: number;
}

interface ActionFormProps {
  /** The button that opens the form. */
  label: string;
  variant?: ButtonVariant;
  title: string;
  explanation?: ReactNode;
  textLabel: string;
  textHint?: string;
  /** Asks for a number of days too (extension requests). */
  withDays?: boolean;
  submitLabel: string;
  submitVariant?: ButtonVariant;
  pending: boolean;
  error: string | null;
  /** Runs the action; the form closes when the promise resolves and stays open (showing `error`) when it rejects. */
  onSubmit: (values: ActionFormValues) => Promise<unknown>;
  onOpenChange?: (open: boolean) => void;
}

/**
 * An action that needs a few words (a reason, a revision note): a button that opens a small inline
 * form, so the page never jumps to a dialog and keyboard focus stays where the person is.
 */
export function ActionForm({
  label,
  variant = "secondary",
  title,
  explanation,
  textLabel,
  textHint,
  withDays = false,
  submitLabel,
  submitVariant = "primary",
  pending,
  error,
  onSubmit,
  onOpenChange,
}: ActionFormProps) {
  const [open, setOpen] = useState(false);
  const [textError, setTextError] = useState<string | undefined>();
  const [daysError, setDaysError] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  function toggle(next: boolean) {
    setOpen(next);
    onOpenChange?.(next);
    if (next)
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>("textarea, input")?.focus());
    else requestAnimationFrame(() => openerRef.current?.focus());
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = textOf(data, "text").trim();
    const days = Number(textOf(data, "days"));
    let ok = true;
    if (!text) {
      setTextError("Please write a few words.");
      ok = false;
    } else setTextError(undefined);
    if (withDays && (!Number.isInteger(days) || days < 1 || days > 30)) {
      setDaysError("Enter a whole number of days from 1 to 30.");
      ok = false;
    } else setDaysError(undefined);
    if (!ok) return;
    onSubmit({ text, days }).then(
      () => setOpen(false),
      () => undefined,
    );
  }

  if (!open) {
    return (
      <button
        ref={openerRef}
        type="button"
        className={buttonClasses(variant, "md")}
        onClick={() => toggle(true)}
        aria-expanded={false}
      >
        {label}
      </button>
    );
  }
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={submit}
      aria-labelledby={titleId}
      className="w-full space-y-4 rounded-2xl border border-stone-200 bg-stone-50 p-4 sm:p-5"
    >
      <div>
        <h3 id={titleId} className="font-semibold text-stone-900">
          {title}
        </h3>
        {explanation ? <div className="mt-1 text-sm text-stone-600">{explanation}</div> : null}
      </div>
      {error ? <FormAlert>{error}</FormAlert> : null}
      {withDays ? (
        <TextField
          label="Extra days"
          name="days"
          type="number"
          inputMode="numeric"
          min={1}
          max={30}
          defaultValue={2}
          className="w-28"
          error={daysError}
        />
      ) : null}
      <TextAreaField
        label={textLabel}
        name="text"
        rows={3}
        maxLength={2000}
        hint={textHint}
        error={textError}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={submitVariant} loading={pending}>
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={() => toggle(false)} disabled={pending}>
          Never mind
        </Button>
      </div>
    </form>
  );
}
