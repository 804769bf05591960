import { useId } from "react";
import { formatFileSize } from "../../lib/orders";

/**
 * A labelled file picker that lists the chosen files with a remove button each. Files are uploaded
 * when the form is sent, not when they are picked, so nothing is stored for a form left unsent.
 */
export function FileInput({
  name,
  label,
  hint,
  files,
  onChange,
  error,
  multiple = true,
}: {
  name: string;
  label: string;
  hint?: string;
  files: File[];
  onChange: (files: File[]) => void;
  error?: string | undefined;
  multiple?: boolean;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        multiple={multiple}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => {
          const picked = Array.from(event.currentTarget.files ?? []);
          onChange(multiple ? [...files, ...picked] : picked);
          event.currentTarget.value = "";
        }}
        className="block w-full text-sm text-stone-700 file:mr-3 file:rounded-full file:border file:border-stone-300 file:bg-white file:px-4 file:py-2 file:text-sm file:font-medium file:text-stone-900 hover:file:bg-stone-50"
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {files.length > 0 ? (
        <ul className="space-y-1.5" aria-label="Chosen files">
          {files.map((file, index) => (
            <li
              key={`${file.name}-${index}`}
              className="flex items-center justify-between gap-3 rounded-xl border border-stone-200 bg-white px-3 py-2 text-sm"
            >
              <span className="min-w-0 truncate text-stone-800">
                {file.name} <span className="text-stone-500">· {formatFileSize(file.size)}</span>
              </span>
              <button
                type="button"
                className="shrink-0 rounded-md px-2 py-1 text-stone-600 hover:bg-stone-100 hover:text-stone-900"
                aria-label={`Remove ${file.name}`}
                onClick={() => onChange(files.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
