import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}

export function SelectField({ label, hint, error, children, className = "", ...rest }: SelectFieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`block h-11 w-full rounded-xl border bg-white px-3 text-base text-stone-900 shadow-xs focus:outline-2 focus:outline-offset-0 focus:outline-brand-600 ${
          error ? "border-red-600" : "border-stone-300 hover:border-stone-400"
        } ${className}`}
        {...rest}
      >
        {children}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="flex items-start gap-1.5 text-sm font-medium text-red-700">
          <span aria-hidden="true">●</span>
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}
