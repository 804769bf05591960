import { useEffect } from "react";

/** Sets `document.title` to "<title> · Atelier" (or just "Atelier"). */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Atelier` : "Atelier — hire independent professionals";
  }, [title]);
}
