import { firstChars, SEARCH_QUERY_MAX_CHARS } from "@atelier/contracts";
import { useNavigate } from "@tanstack/react-router";
import { useId, type FormEvent } from "react";
import { SearchIcon } from "./icons";

interface SearchFormProps {
  /** The text shown in the box when the page opens (the current `?q=`). Remount with a `key` to reset. */
  initialQuery?: string;
  label: string;
  /** Visually hide the label (it is still read out). */
  hideLabel?: boolean;
  landmarkLabel: string;
  placeholder?: string;
  size?: "md" | "lg";
  submitLabel: string;
  className?: string;
}

/** Submitting navigates to `/search?q=…`; a longer text is searched by its first 200 characters. */
export function SearchForm({
  initialQuery = "",
  label,
  hideLabel = true,
  landmarkLabel,
  placeholder,
  size = "md",
  submitLabel,
  className = "",
}: SearchFormProps) {
  const navigate = useNavigate();
  const id = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get("q");
    const q = typeof value === "string" ? firstChars(value.trim(), SEARCH_QUERY_MAX_CHARS).trim() : "";
    void navigate({ to: "/search", search: q ? { q } : {} });
  }

  const large = size === "lg";
  return (
    <form role="search" aria-label={landmarkLabel} onSubmit={onSubmit} className={className}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "mb-2 block text-sm font-medium text-stone-800"}>
        {label}
      </label>
      <div
        className={`flex items-center rounded-full border border-stone-300 bg-white shadow-xs transition-colors focus-within:border-brand-600 focus-within:outline-2 focus-within:outline-brand-600 hover:border-stone-400 ${large ? "p-1.5 pl-4 sm:pl-5" : "p-1 pl-4"}`}
      >
        <SearchIcon className={`shrink-0 text-stone-500 ${large ? "size-5" : "size-4"}`} />
        <input
          id={id}
          name="q"
          type="search"
          defaultValue={initialQuery}
          placeholder={placeholder}
          autoComplete="off"
          enterKeyHint="search"
          className={`min-w-0 flex-1 bg-transparent px-2.5 text-stone-900 placeholder:text-stone-500 focus:outline-none ${large ? "h-11 text-base sm:text-lg" : "h-8 text-sm"}`}
        />
        <button
          type="submit"
          className={`shrink-0 rounded-full bg-brand-700 font-medium text-white transition-colors hover:bg-brand-800 ${large ? "h-11 px-4 text-sm sm:px-6 sm:text-base" : "h-8 px-3.5 text-sm"}`}
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
