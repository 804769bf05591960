import { useNavigate } from "@tanstack/react-router";
import { useId } from "react";
import type { CatalogSearchParams } from "../../routes/catalog.routes";

/**
 * "AI: none": only gigs whose seller declares no AI use (the API's `aiUse=none`). A switch, and the
 * address keeps it, so a shared or reloaded search filters the same way.
 */
export function AiFilter({ search }: { search: CatalogSearchParams }) {
  const navigate = useNavigate({ from: "/search" });
  const id = useId();
  return (
    <div className="px-2.5 py-1">
      <label htmlFor={id} className="flex items-center justify-between gap-3 text-sm text-stone-800">
        AI: none
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-describedby={`${id}-hint`}
          checked={search.aiUse === "none"}
          onChange={(event) => {
            const aiUse = event.currentTarget.checked ? ("none" as const) : undefined;
            void navigate({ search: (prev) => ({ ...prev, aiUse }) });
          }}
          className="size-4 accent-brand-700"
        />
      </label>
      <p id={`${id}-hint`} className="mt-0.5 text-xs text-stone-600">
        Only sellers who declare they use no AI
      </p>
    </div>
  );
}
