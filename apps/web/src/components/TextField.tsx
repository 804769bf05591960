import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";

const controlBase =
  "block w-full rounded-xl border bg-white px-3.5 text-base text-stone-900 shadow-xs transition-colors " +
  "placeholder:text-stone-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600 " +
  "disabled:bg-stone-100 disabled:text-stone-500";

function controlClasses(invalid: boolean, extra: string): string {
  return [
    controlBase,
    invalid ? "border-red-600 focus:outline-red-600" : "border-stone-300 hover:border-stone-400",
    extra,
  ].join(" ");
}

interface FieldFrameProps {
  id: string;
  label: string;
  hint: ReactNode | undefined;
  error: string | undefined;
  hintId: string;
  errorId: string;
  children: ReactNode;
}

function FieldFrame({ id, label, hint, error, hintId, errorId, children }: FieldFrameProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="flex items-start gap-1.5 text-sm font-medium text-red-700">
          <span aria-hidden="true">●</span>
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}

function describedBy(hint: unknown, error: unknown, hintId: string, errorId: string): string | undefined {
  const ids = [error ? errorId : "", hint ? hintId : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** A labelled input with an optional hint and an error message wired up through aria-describedby. */
export function TextField({ label, hint, error, className = "", ...rest }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} hintId={hintId} errorId={errorId}>
      <input
        id={id}
        className={controlClasses(Boolean(error), `h-11 ${className}`)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, error, hintId, errorId)}
        {...rest}
      />
    </FieldFrame>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function TextAreaField({ label, hint, error, className = "", rows = 5, ...rest }: TextAreaFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} hintId={hintId} errorId={errorId}>
      <textarea
        id={id}
        rows={rows}
        className={controlClasses(Boolean(error), `py-2.5 leading-relaxed ${className}`)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, error, hintId, errorId)}
        {...rest}
      />
    </FieldFrame>
  );
}

/** The e-mail field of the sign-in and sign-up forms: the first thing a person types. */
export function EmailField(props: Omit<TextFieldProps, "label" | "name" | "type">) {
  return (
    <TextField
      label="Email"
      name="email"
      type="email"
      autoComplete="email"
      inputMode="email"
      required
      autoFocus
      {...props}
    />
  );
}
